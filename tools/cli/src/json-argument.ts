import { existsSync, readFileSync } from 'node:fs';

/** A JSON object given inline (`{"a":1}`) or as the path of a JSON file. */
export function readJsonArgument(value: string, name: string): Record<string, unknown> {
  const text = value.trim().startsWith('{') ? value : existsSync(value) ? readFileSync(value, 'utf8') : undefined;
  if (text === undefined) throw new Error(`--${name}: '${value}' is neither a JSON object nor a file`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`--${name}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`--${name}: must be a JSON object`);
  return parsed as Record<string, unknown>;
}
