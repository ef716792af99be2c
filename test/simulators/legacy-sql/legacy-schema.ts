export type LegacySqlKind = 'sqlite' | 'mariadb' | 'postgres';

type ColumnType = 'char' | 'varchar' | 'integer';

interface LegacyColumn {
  name: string;
  type: ColumnType;
  length?: number;
  nullable?: boolean;
}

export interface LegacyTable {
  name: 'CUSTMAST' | 'ORDHDR' | 'ORDLIN';
  columns: LegacyColumn[];
  primaryKey: string[];
  indexes: string[][];
}

const char = (name: string, length: number, nullable = false): LegacyColumn => ({
  name,
  type: 'char',
  length,
  nullable,
});
const int = (name: string): LegacyColumn => ({ name, type: 'integer' });

/** The legacy order-entry schema, parents first. Identifiers are upper case and quoted in every dialect. */
export const LEGACY_TABLES: readonly LegacyTable[] = [
  {
    name: 'CUSTMAST',
    columns: [
      char('CUST_NO', 10),
      char('CUST_NM', 40),
      { name: 'EMAIL_ADDR', type: 'varchar', length: 80, nullable: true },
      char('PHONE_NO', 20, true),
      char('STAT_CD', 1),
      int('CRLIM_CENTS'),
      char('CURR_CD', 3),
      char('CRT_DT', 8),
      char('UPD_TS', 14),
    ],
    primaryKey: ['CUST_NO'],
    indexes: [['UPD_TS']],
  },
  {
    name: 'ORDHDR',
    columns: [
      char('ORD_NO', 10),
      char('CUST_NO', 10),
      char('ORD_DT', 8),
      char('ORD_STAT', 2),
      int('TOT_CENTS'),
      char('CURR_CD', 3),
      char('UPD_TS', 14),
    ],
    primaryKey: ['ORD_NO'],
    indexes: [['CUST_NO'], ['UPD_TS']],
  },
  {
    name: 'ORDLIN',
    columns: [char('ORD_NO', 10), int('LIN_NO'), char('ITEM_NO', 10), int('QTY'), int('PRICE_CENTS')],
    primaryKey: ['ORD_NO', 'LIN_NO'],
    indexes: [],
  },
];

export function quoteIdentifier(kind: LegacySqlKind, name: string): string {
  return kind === 'mariadb' ? `\`${name}\`` : `"${name}"`;
}

function columnSql(kind: LegacySqlKind, column: LegacyColumn): string {
  const type =
    column.type === 'integer' ? 'INTEGER' : `${column.type === 'char' ? 'CHAR' : 'VARCHAR'}(${column.length})`;
  return `${quoteIdentifier(kind, column.name)} ${type}${column.nullable ? '' : ' NOT NULL'}`;
}

/** CREATE TABLE and CREATE INDEX statements for the legacy schema in one dialect. */
export function legacySchemaStatements(kind: LegacySqlKind): string[] {
  const q = (name: string) => quoteIdentifier(kind, name);
  return LEGACY_TABLES.flatMap((table) => [
    `CREATE TABLE ${q(table.name)} (${table.columns.map((column) => columnSql(kind, column)).join(', ')}, ` +
      `PRIMARY KEY (${table.primaryKey.map(q).join(', ')}))`,
    ...table.indexes.map(
      (columns) =>
        `CREATE INDEX ${q(`${table.name}_${columns.join('_')}`)} ON ${q(table.name)} (${columns.map(q).join(', ')})`,
    ),
  ]);
}

/** DROP TABLE statements, children first. */
export function legacyDropStatements(kind: LegacySqlKind): string[] {
  return [...LEGACY_TABLES].reverse().map((table) => `DROP TABLE IF EXISTS ${quoteIdentifier(kind, table.name)}`);
}
