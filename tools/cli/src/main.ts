import { parseArgs, UsageError } from './cli-args';
import { NEW_ADAPTER_HELP, newAdapter } from './commands/new-adapter.command';
import { TRY_HELP, tryDefinition } from './commands/try.command';
import { VALIDATE_HELP, validate } from './commands/validate.command';

const HELP = `Usage: trestle <command> [options]

Commands:
  new adapter <name> [--dir <path>]       scaffold an adapter plugin package
  validate <definition> [--adapter <kind>] check a connector definition file
  try <definition> --settings <json|file>  read a few canonical records through an in-process hub

Run 'trestle <command> --help' for a command's options.`;

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const [command, subcommand] = args.positionals;
  const help = (text: string) => (process.stdout.write(`${text}\n`), 0);
  switch (command) {
    case 'new':
      if (subcommand !== 'adapter') throw new UsageError(`unknown: trestle new ${subcommand ?? ''}`, NEW_ADAPTER_HELP);
      return args.options.help ? help(NEW_ADAPTER_HELP) : newAdapter(args);
    case 'validate':
      return args.options.help ? help(VALIDATE_HELP) : validate({ ...args, positionals: args.positionals.slice(1) });
    case 'try':
      return args.options.help ? help(TRY_HELP) : tryDefinition({ ...args, positionals: args.positionals.slice(1) });
    case undefined:
    case 'help':
      return help(HELP);
    default:
      throw new UsageError(`unknown command '${command}'`, HELP);
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`trestle: ${error.message}\n\n${error.help}\n`);
      process.exit(2);
    }
    process.stderr.write(`trestle: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
