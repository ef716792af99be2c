import { parse } from 'yaml';

export type Parsed = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** Parses a connector definition or a settings object pasted as YAML or JSON (JSON is YAML). */
export function parseObjectText(text: string, what: string): Parsed {
  let value: unknown;
  try {
    value = parse(text, { prettyErrors: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, message: `${what} is not valid YAML or JSON: ${message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: `${what} must be an object (key: value pairs).` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
