import { ProblemException } from '../errors/problem.exception';

/** A position in a listing as the opaque string callers hand back: base64url of a JSON array. */
export function encodeCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The parts of a cursor `encodeCursor` made; anything else is the caller's error (400). */
export function decodeCursor(cursor: string): unknown[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts)) return parts;
  } catch {
    // reported below
  }
  throw invalidCursor();
}

export function invalidCursor(message = 'is not a cursor this API issued'): ProblemException {
  return ProblemException.validation([{ field: 'cursor', message }]);
}
