/**
 * A minimal legacy-style schema and seed for the SQL adapter's integration specs (the shared
 * legacy-sql simulator was not available when these specs were written): CHAR padding, YYYYMMDD
 * dates, one-letter status codes, amounts in cents.
 */
export type SeedDialect = 'postgres' | 'mysql' | 'sqlite';

/** Runs one statement with positional `?` parameters (the seeder rewrites them for PostgreSQL). */
export type Execute = (sql: string, params: unknown[]) => Promise<unknown>;

const pad = (value: number, width: number) => String(value).padStart(width, '0');

function yyyymmdd(base: Date, days: number): string {
  const at = new Date(base.getTime() + days * 86_400_000);
  return `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1, 2)}${pad(at.getUTCDate(), 2)}`;
}

/** Customer number `C000001`. */
export const customerNo = (index: number) => `C${pad(index, 6)}`;

/** The seeded values of customer `index` (1-based), before CHAR padding. */
export function customerRow(index: number) {
  return {
    CUST_NO: customerNo(index),
    CUST_NM: `Customer ${index} GmbH`,
    EMAIL_ADR: index % 2 === 1 ? `  Buyer${index}@Example.COM ` : '',
    PHONE_NO: index % 2 === 1 ? `+49 30 ${pad(index, 7)}` : '',
    STAT_CD: index % 10 === 0 ? 'B' : index % 3 === 0 ? 'I' : 'A',
    CRLIM_CENTS: index * 100_001,
    CURR_CD: 'EUR',
    CRT_DT: yyyymmdd(new Date(Date.UTC(2019, 0, 1)), index),
    UPD_DT: index % 2 === 0 ? '20230115' : '20240601',
  };
}

function q(dialect: SeedDialect, name: string): string {
  return dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;
}

/** Creates CUSTMAST-shaped table `table` and fills it with `count` customers. */
export async function seedCustomers(
  execute: Execute,
  dialect: SeedDialect,
  table: string,
  count: number,
): Promise<void> {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  await execute(
    `CREATE TABLE ${q(dialect, table)} (${q(dialect, 'CUST_NO')} CHAR(8) NOT NULL PRIMARY KEY, ${q(dialect, 'CUST_NM')} CHAR(40) NOT NULL, ` +
      `${q(dialect, 'EMAIL_ADR')} VARCHAR(80), ${q(dialect, 'PHONE_NO')} CHAR(20), ${q(dialect, 'STAT_CD')} CHAR(1) NOT NULL, ` +
      `${q(dialect, 'CRLIM_CENTS')} ${big}, ${q(dialect, 'CURR_CD')} CHAR(3), ${q(dialect, 'CRT_DT')} CHAR(8), ${q(dialect, 'UPD_DT')} CHAR(8))`,
    [],
  );
  const columns = Object.keys(customerRow(1));
  const charWidths: Record<string, number> = { CUST_NO: 8, CUST_NM: 40, PHONE_NO: 20 };
  for (let start = 1; start <= count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start + 1) }, (_, offset) => customerRow(start + offset));
    const params = rows.flatMap((row) =>
      columns.map((column) => {
        const value = row[column as keyof typeof row];
        // SQLite has no CHAR semantics: store the padding a legacy CHAR column would have.
        return dialect === 'sqlite' && charWidths[column] ? String(value).padEnd(charWidths[column]) : value;
      }),
    );
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    await execute(
      `INSERT INTO ${q(dialect, table)} (${columns.map((c) => q(dialect, c)).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`,
      params,
    );
  }
}

/** Rewrites `?` placeholders as `$1, $2, ...` for PostgreSQL. */
export function postgresPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}
