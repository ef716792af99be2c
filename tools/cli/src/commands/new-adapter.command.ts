import { resolve } from 'node:path';
import { ParsedArgs, stringOption, UsageError } from '../cli-args';
import { ADAPTER_TEMPLATE, kindSpellings, renderTemplate } from '../template-renderer';

export const NEW_ADAPTER_HELP = `Usage: trestle new adapter <name> [--dir <path>]

Scaffolds an adapter plugin package in the house shape: package.json named
trestle-adapter-<name>, src/<name>.adapter.ts (defineAdapter), src/index.ts,
src/transport/, src/operations/ (one file per operation), an example connector
definition, an in-memory fake system and a jest spec running the SDK's contract
kit that passes as generated.

  <name>        the adapter kind: lowercase letters, digits and dashes (e.g. as400)
  --dir <path>  where to write the package (default: ./trestle-adapter-<name>)

Then: cd <dir> && npm install && npm test && npm run build`;

const KIND = /^[a-z][a-z0-9-]{1,40}$/;

export function newAdapter(args: ParsedArgs): number {
  const [, , name] = args.positionals;
  if (!name) throw new UsageError('missing <name>', NEW_ADAPTER_HELP);
  if (!KIND.test(name) || name.endsWith('-') || name.includes('--'))
    throw new UsageError(`'${name}' is not a valid kind (lowercase letters, digits, single dashes)`, NEW_ADAPTER_HELP);
  const target = resolve(stringOption(args, 'dir', NEW_ADAPTER_HELP) ?? `trestle-adapter-${name}`);
  const files = renderTemplate(ADAPTER_TEMPLATE, target, kindSpellings(name));
  process.stdout.write(
    `Created trestle-adapter-${name} in ${target}:\n${files
      .sort()
      .map((file) => `  ${file}`)
      .join('\n')}\n\nNext: cd ${target} && npm install && npm test && npm run build\n`,
  );
  return 0;
}
