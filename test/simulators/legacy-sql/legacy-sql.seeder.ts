import { type LegacyRow, legacyRows } from './legacy-rows';
import { LEGACY_TABLES, legacyDropStatements, legacySchemaStatements, type LegacySqlKind } from './legacy-schema';
import { type LegacySqlConnection, maxRowsPerInsert, openLegacySqlTarget } from './legacy-sql-target';

export interface LegacySeedOptions {
  /** Customers to write (default 100). */
  customers?: number;
  /** Orders per customer (default 2), each with `linesPerOrder` lines (default 3). */
  ordersPerCustomer?: number;
  linesPerOrder?: number;
  /** Rows per INSERT (default 1000, capped by the dialect's parameter limit). */
  batchSize?: number;
  seed?: number;
  /** Drop the legacy tables first if they exist (default true). */
  replace?: boolean;
}

export interface LegacySeedResult {
  CUSTMAST: number;
  ORDHDR: number;
  ORDLIN: number;
}

const [CUSTMAST, ORDHDR, ORDLIN] = LEGACY_TABLES;

/**
 * Creates the legacy schema (CUSTMAST, ORDHDR, ORDLIN) and streams deterministic rows into it in batches,
 * holding at most one batch per table in memory. Returns the rows written per table.
 */
export async function seedLegacySql(
  kind: LegacySqlKind,
  connection: LegacySqlConnection,
  options: LegacySeedOptions = {},
): Promise<LegacySeedResult> {
  const target = await openLegacySqlTarget(kind, connection);
  try {
    if (options.replace ?? true) for (const statement of legacyDropStatements(kind)) await target.run(statement);
    for (const statement of legacySchemaStatements(kind)) await target.run(statement);

    const written: LegacySeedResult = { CUSTMAST: 0, ORDHDR: 0, ORDLIN: 0 };
    const buffers = new Map(LEGACY_TABLES.map((table) => [table, [] as LegacyRow[]]));
    const flush = async (table: (typeof LEGACY_TABLES)[number], limit: number) => {
      const rows = buffers.get(table)!;
      while (rows.length >= limit && rows.length > 0) {
        const batch = rows.splice(0, Math.min(rows.length, batchSizeOf(table.columns.length)));
        await target.insert(
          table.name,
          table.columns.map((column) => column.name),
          batch,
        );
        written[table.name] += batch.length;
      }
    };
    const batchSizeOf = (width: number) => Math.max(1, Math.min(options.batchSize ?? 1000, maxRowsPerInsert(width)));

    for (const { customer, orders, lines } of legacyRows({
      customers: options.customers ?? 100,
      ordersPerCustomer: options.ordersPerCustomer ?? 2,
      linesPerOrder: options.linesPerOrder ?? 3,
      seed: options.seed ?? 1,
    })) {
      buffers.get(CUSTMAST)!.push(customer);
      buffers.get(ORDHDR)!.push(...orders);
      buffers.get(ORDLIN)!.push(...lines);
      for (const table of LEGACY_TABLES) await flush(table, batchSizeOf(table.columns.length));
    }
    for (const table of LEGACY_TABLES) await flush(table, 0);
    return written;
  } finally {
    await target.close();
  }
}

/** Drops the legacy tables (children first); a database without them is left as it is. */
export async function dropLegacySql(kind: LegacySqlKind, connection: LegacySqlConnection): Promise<void> {
  const target = await openLegacySqlTarget(kind, connection);
  try {
    for (const statement of legacyDropStatements(kind)) await target.run(statement);
  } finally {
    await target.close();
  }
}

/** Rows per legacy table, as the database counts them. */
export async function countLegacySql(kind: LegacySqlKind, connection: LegacySqlConnection): Promise<LegacySeedResult> {
  const target = await openLegacySqlTarget(kind, connection);
  try {
    return {
      CUSTMAST: await target.count('CUSTMAST'),
      ORDHDR: await target.count('ORDHDR'),
      ORDLIN: await target.count('ORDLIN'),
    };
  } finally {
    await target.close();
  }
}
