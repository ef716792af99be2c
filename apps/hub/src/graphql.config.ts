import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { AppConfig } from '@trestle/core';
import { formatGraphQLError, queryCostLimit } from '@trestle/unified';
import type { GraphQLError } from 'graphql';

/** GraphQL on Mercurius (Fastify-native): depth and cost limits, errors with the REST codes, repeated queries compiled. */
export function graphqlOptions(config: AppConfig): MercuriusDriverConfig {
  return {
    driver: MercuriusDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: false,
    queryDepth: config.graphqlMaxDepth,
    // a query seen a second time is compiled (graphql-jit) and runs compiled from then on
    jit: 1,
    validationRules: [queryCostLimit(config.graphqlMaxCost)],
    errorFormatter: (execution, context) => {
      const requestId = (context as { reply?: { request?: { id?: string } } }).reply?.request?.id;
      const errors = (execution.errors ?? []) as GraphQLError[];
      const invalid = errors.flatMap(validationErrorsOf);
      if (invalid.length > 0) {
        return {
          statusCode: 400,
          response: { data: null, errors: invalid.map((error) => formatGraphQLError(error, requestId)) },
        };
      }
      return {
        statusCode: 200,
        response: { data: execution.data ?? null, errors: errors.map((error) => formatGraphQLError(error, requestId)) },
      };
    },
  };
}

/** Mercurius wraps parse and validation failures (depth, cost, unknown fields) in one error; unwrap them. */
function validationErrorsOf(error: GraphQLError): GraphQLError[] {
  const original = error.originalError as { code?: unknown; errors?: unknown } | undefined;
  return original?.code === 'MER_ERR_GQL_VALIDATION' && Array.isArray(original.errors)
    ? (original.errors as GraphQLError[])
    : [];
}
