export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | true>;
}

/** `a b --flag --key value --key=value` into positionals and options; a lone `--help`/`-h` is the `help` option. */
export function parseArgs(argv: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '-h' || arg === '--help') {
      options.help = true;
    } else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (inline !== undefined) options[name] = inline;
      else if (flags.includes(name) || index + 1 >= argv.length || argv[index + 1].startsWith('--'))
        options[name] = true;
      else options[name] = argv[++index];
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, options };
}

/** A thrown UsageError prints the message and the command's help, and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly help: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export function stringOption(args: ParsedArgs, name: string, help: string): string | undefined {
  const value = args.options[name];
  if (value === true) throw new UsageError(`--${name} needs a value`, help);
  return value;
}
