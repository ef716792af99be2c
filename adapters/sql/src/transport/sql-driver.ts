/** Rows and counts of one statement. */
export interface SqlResult {
  rows: Record<string, unknown>[];
  affectedRows: number;
  /** Generated key of an INSERT, where the driver reports one (MySQL). */
  insertId?: number | string;
}

/** How a dialect writes identifiers, placeholders and row limits. */
export interface SqlGrammar {
  readonly name: 'postgres' | 'mysql' | 'sqlite';
  /** Quotes one identifier that already matched IDENTIFIER. */
  quote(identifier: string): string;
  /** The placeholder of the 1-based parameter `index`. */
  placeholder(index: number): string;
  /** Whether INSERT ... RETURNING * works. */
  readonly returning: boolean;
  /** Whether CHAR keys must be compared trimmed (no CHAR semantics in SQLite). */
  readonly trimsCharKeys: boolean;
}

/**
 * One database behind a pool. Every method throws only AdapterError. Aborting `signal` cancels
 * the statement on the server (where the database allows it) and rejects at once.
 */
export interface SqlDriver {
  readonly grammar: SqlGrammar;
  query(sql: string, params: readonly unknown[], signal: AbortSignal): Promise<SqlResult>;
  /** Server version and similar safe facts. */
  describe(signal: AbortSignal): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Quoting and placeholders per dialect. */
export const GRAMMARS: Record<SqlGrammar['name'], SqlGrammar> = {
  postgres: {
    name: 'postgres',
    quote: (identifier) => `"${identifier}"`,
    placeholder: (index) => `$${index}`,
    returning: true,
    trimsCharKeys: false,
  },
  mysql: {
    name: 'mysql',
    quote: (identifier) => `\`${identifier}\``,
    placeholder: () => '?',
    returning: false,
    trimsCharKeys: false,
  },
  sqlite: {
    name: 'sqlite',
    quote: (identifier) => `"${identifier}"`,
    placeholder: () => '?',
    returning: true,
    trimsCharKeys: true,
  },
};
