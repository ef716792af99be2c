import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { AppConfig } from './app-config';
import { configFieldsOf } from './config-field.decorator';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

export type Environment = Record<string, string | undefined>;

/** Reads, converts and validates every AppConfig field from the environment; throws naming each bad variable. */
export function loadConfig(env: Environment = process.env): AppConfig {
  const fields = configFieldsOf(AppConfig);
  const raw: Record<string, string | undefined> = {};
  for (const field of fields) {
    const value = env[field.env];
    raw[field.property] = value === undefined || value === '' ? field.default : value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigValidationError(errors.map((error) => describe(error, fields, raw[error.property])));
  }
  return Object.freeze(config);
}

function describe(
  error: ValidationError,
  fields: ReturnType<typeof configFieldsOf>,
  given: string | undefined,
): string {
  const field = fields.find((f) => f.property === error.property);
  const name = field?.env ?? error.property;
  const reasons = Object.values(error.constraints ?? {})
    .map((message) => message.replace(new RegExp(`^${error.property}\\s*`), ''))
    .join('; ');
  const shown = field?.sensitive ? '' : ` (got ${JSON.stringify(given)})`;
  return `${name}: ${reasons}${shown}`;
}
