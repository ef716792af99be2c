import { AdapterError } from '@trestle/adapter-sdk';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Names of the `{name}` placeholders in a path. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

/**
 * Fills `{name}` placeholders with URL-encoded values; `.` and `..` are encoded too, so a value
 * can never climb out of its path segment. A missing value fails with AdapterError('rejected').
 */
export function fillPath(template: string, values: Record<string, unknown>, what: string): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '' || typeof value === 'object') {
      throw new AdapterError('rejected', `${what}: the path parameter '${name}' is missing`, { retryable: false });
    }
    return encodeSegment(String(value));
  });
}

function encodeSegment(value: string): string {
  const encoded = encodeURIComponent(value);
  return encoded === '.' || encoded === '..' ? encoded.replace(/\./g, '%2E') : encoded;
}
