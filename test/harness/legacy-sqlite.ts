import Database from 'better-sqlite3';

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const customerNo = (index: number) => `C${pad(index, 6)}`;

export interface LegacySqliteOptions {
  customers: number;
  orders?: number;
  namePrefix?: string;
}

/**
 * A small legacy order-entry database in the shape adapters/sql/examples/legacy-sql.connector.yaml
 * maps: CHAR-padded names, YYYYMMDD dates, one-letter status codes, amounts in cents.
 */
export function createLegacySqlite(file: string, options: LegacySqliteOptions): void {
  const db = new Database(file);
  try {
    db.exec(`
      CREATE TABLE CUSTMAST (CUST_NO CHAR(8) PRIMARY KEY, CUST_NM CHAR(40) NOT NULL, EMAIL_ADR VARCHAR(80), PHONE_NO CHAR(20),
        STAT_CD CHAR(1) NOT NULL, CRLIM_CENTS INTEGER, CURR_CD CHAR(3), CRT_DT CHAR(8), UPD_DT CHAR(8));
      CREATE TABLE ORDHDR (ORD_NO CHAR(10) PRIMARY KEY, CUST_NO CHAR(8) NOT NULL, ORD_DT CHAR(8), STAT_CD CHAR(1),
        TOT_CENTS INTEGER, CURR_CD CHAR(3), UPD_DT CHAR(8));
      CREATE TABLE ORDLIN (ORD_NO CHAR(10), LIN_NO INTEGER, PROD_NO CHAR(10), QTY INTEGER, UNIT_CENTS INTEGER,
        PRIMARY KEY (ORD_NO, LIN_NO));`);
    const customer = db.prepare('INSERT INTO CUSTMAST VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const order = db.prepare('INSERT INTO ORDHDR VALUES (?, ?, ?, ?, ?, ?, ?)');
    const line = db.prepare('INSERT INTO ORDLIN VALUES (?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 1; i <= options.customers; i += 1) {
        const status = i % 10 === 0 ? 'B' : i % 3 === 0 ? 'I' : 'A';
        customer.run(
          customerNo(i),
          `${options.namePrefix ?? 'Customer'} ${i}`.padEnd(40),
          i % 2 ? `  Buyer${i}@Example.COM ` : '',
          `+49 30 ${pad(i, 7)}`.padEnd(20),
          status,
          i * 100_001,
          'EUR',
          `2019${pad((i % 12) + 1, 2)}${pad((i % 28) + 1, 2)}`,
          '20240601',
        );
      }
      for (let o = 1; o <= (options.orders ?? 0); o += 1) {
        const number = `SO${pad(o, 6)}`;
        order.run(number, customerNo(((o - 1) % 5) + 1), '20240310', 'O', o * 1_250, 'EUR', '20240310');
        line.run(number, 1, `P${pad(o, 5)}`, 2, o * 625);
      }
    })();
  } finally {
    db.close();
  }
}

export function countRows(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
