import {
  ASTVisitor,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLError,
  GraphQLObjectType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
} from 'graphql';

const DEFAULT_LIMIT = 50;

/**
 * Refuses operations whose estimated cost passes `maxCost`. Every field costs 1; a field with a
 * `limit` argument multiplies the cost of its selection by that limit (its default when not given).
 * Fragments are expanded, so they cannot hide cost.
 */
export function queryCostLimit(maxCost: number) {
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }

    const costOf = (
      selectionSet: SelectionSetNode | undefined,
      parent: GraphQLObjectType | undefined,
      seen: Set<string>,
    ): number => {
      if (!selectionSet || !parent) return 0;
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const field = parent.getFields()[selection.name.value];
          const limitArg = field?.args.find((arg) => arg.name === 'limit');
          const given = selection.arguments?.find((argument) => argument.name.value === 'limit')?.value;
          const multiplier = !limitArg
            ? 1
            : given?.kind === Kind.INT
              ? Number(given.value)
              : Number(limitArg.defaultValue ?? DEFAULT_LIMIT);
          const child = field ? getNamedType(field.type) : undefined;
          total += 1 + multiplier * costOf(selection.selectionSet, isObjectType(child) ? child : undefined, seen);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          total += costOf(selection.selectionSet, parent, seen);
        } else if (!seen.has(selection.name.value)) {
          const fragment = fragments.get(selection.name.value);
          total += costOf(fragment?.selectionSet, parent, new Set([...seen, selection.name.value]));
        }
      }
      return total;
    };

    return {
      OperationDefinition(node: OperationDefinitionNode) {
        const root = node.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
        const cost = costOf(node.selectionSet, root ?? undefined, new Set());
        if (cost > maxCost) {
          context.reportError(
            new GraphQLError(
              `The query is too expensive (cost ${cost}, limit ${maxCost}); ask for fewer records or fields.`,
              {
                nodes: [node],
              },
            ),
          );
        }
      },
    };
  };
}
