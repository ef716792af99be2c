import {
  ConnectorDefinitionError,
  loadConnectorDefinition,
  validateOperations,
  type DefinitionIssue,
} from '@trestle/adapter-sdk';
import { adapterKinds, pluginNames } from '../adapter-kinds';
import { ParsedArgs, stringOption, UsageError } from '../cli-args';

export const VALIDATE_HELP = `Usage: trestle validate <definition> [--adapter <kind>] [--plugin <package>]

Checks a connector definition file (YAML or JSON) against the published JSON
Schema and against the operation schema of its adapter kind. Prints each issue
with its JSON pointer path; exits 0 when valid, 1 on problems, 2 on bad usage.

  <definition>        path of the .yaml/.yml/.json file
  --adapter <kind>    check against this kind instead of the definition's 'adapter'
  --plugin <package>  also load adapter plugins by npm package name (comma-separated;
                      ADAPTER_PLUGINS works too), resolved from the current folder`;

export async function validate(args: ParsedArgs): Promise<number> {
  const [file] = args.positionals;
  if (!file) throw new UsageError('missing <definition>', VALIDATE_HELP);
  const kinds = adapterKinds(pluginNames(stringOption(args, 'plugin', VALIDATE_HELP)));
  const issues: DefinitionIssue[] = [];
  try {
    const definition = await loadConnectorDefinition(file);
    const kind = stringOption(args, 'adapter', VALIDATE_HELP) ?? definition.adapter;
    const adapter = kinds.get(kind);
    if (!adapter) {
      issues.push({
        path: '/adapter',
        message: `unknown adapter kind '${kind}' (known: ${[...kinds.keys()].join(', ')})`,
      });
    } else {
      validateOperations(definition, adapter);
    }
  } catch (error) {
    if (!(error instanceof ConnectorDefinitionError) && (error as Error).name !== 'ConnectorDefinitionError')
      throw error;
    issues.push(...(error as ConnectorDefinitionError).issues);
  }
  if (issues.length === 0) {
    process.stdout.write(`${file}: valid\n`);
    return 0;
  }
  process.stdout.write(`${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n`);
  for (const issue of issues) process.stdout.write(`  ${issue.path || '/'}: ${issue.message}\n`);
  return 1;
}
