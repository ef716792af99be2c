import { AdapterError } from '@trestle/adapter-sdk';
import { IDENTIFIER } from '../sql-operation-spec';
import type { SqlGrammar } from '../transport/sql-driver';

/**
 * A statement being written: identifiers are validated and quoted, values only ever become
 * placeholders with their value in `params`.
 */
export class SqlStatement {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  constructor(readonly grammar: SqlGrammar) {}

  /** Appends trusted SQL text written by the adapter itself. */
  sql(text: string): this {
    this.parts.push(text);
    return this;
  }

  /** A placeholder bound to `value`. */
  bind(value: unknown): string {
    this.params.push(value);
    return this.grammar.placeholder(this.params.length);
  }

  /** A validated, quoted identifier; `schema.table` when `qualified`. */
  id(name: string, qualified = false): string {
    const segments = qualified ? name.split('.') : [name];
    if (segments.length > 2 || !segments.every((segment) => IDENTIFIER.test(segment))) {
      throw new AdapterError('rejected', `'${name.slice(0, 64)}' is not a valid SQL identifier`, {
        details: { identifier: name.slice(0, 64) },
      });
    }
    return segments.map((segment) => this.grammar.quote(segment)).join('.');
  }

  get text(): string {
    return this.parts.join('');
  }
}

/** A row limit written as a literal after checking it is a small positive integer (never user text). */
export function limitClause(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new TypeError(`invalid row limit ${limit}`);
  return ` LIMIT ${limit}`;
}
