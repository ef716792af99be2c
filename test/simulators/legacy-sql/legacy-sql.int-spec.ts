import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import {
  countLegacySql,
  createTemporaryDatabase,
  dropLegacySql,
  seedLegacySql,
  startLegacySqlite,
  type LegacySqlite,
  type TemporaryDatabase,
} from '.';

describe('legacy SQL simulator', () => {
  describe('on SQLite', () => {
    let legacy: LegacySqlite;

    beforeAll(async () => {
      legacy = await startLegacySqlite({ customers: 30, ordersPerCustomer: 2, linesPerOrder: 3, batchSize: 7 });
    });

    afterAll(() => legacy.close());

    it('writes the asked-for rows per table in batches', async () => {
      expect(legacy.rows).toEqual({ CUSTMAST: 30, ORDHDR: 60, ORDLIN: 180 });
      expect(await countLegacySql('sqlite', legacy.file)).toEqual(legacy.rows);
    });

    it('has legacy shapes: padded CHAR names, YYYYMMDD dates with zero dates, status codes, cents that add up', () => {
      const db = new Database(legacy.file, { readonly: true });
      try {
        const customers = db.prepare('SELECT * FROM CUSTMAST ORDER BY CUST_NO').all() as Record<string, unknown>[];
        expect(customers[0]).toMatchObject({ CUST_NO: 'C000001', STAT_CD: expect.stringMatching(/^[AIB]$/) });
        expect(customers.every((row) => (row.CUST_NM as string).length === 40)).toBe(true);
        expect(customers[24].CRT_DT).toBe('00000000');
        expect(customers[0].CRT_DT).toMatch(/^20\d{6}$/);
        expect(customers[0].UPD_TS).toMatch(/^2024\d{10}$/);
        expect(customers[10].EMAIL_ADDR).toBeNull();
        expect(customers[6].EMAIL_ADDR).toMatch(/^ {2}AP@.*\.EXAMPLE $/);
        const mismatched = db
          .prepare(
            `SELECT h.ORD_NO FROM ORDHDR h JOIN ORDLIN l ON l.ORD_NO = h.ORD_NO
             GROUP BY h.ORD_NO, h.TOT_CENTS HAVING SUM(l.QTY * l.PRICE_CENTS) <> h.TOT_CENTS`,
          )
          .all();
        expect(mismatched).toEqual([]);
        const orphans = db
          .prepare('SELECT COUNT(*) AS n FROM ORDHDR WHERE CUST_NO NOT IN (SELECT CUST_NO FROM CUSTMAST)')
          .get();
        expect(orphans).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    });

    it('is deterministic for a seed and removes its file on close', async () => {
      const again = await startLegacySqlite({ customers: 30, ordersPerCustomer: 2, linesPerOrder: 3 });
      const other = await startLegacySqlite({ customers: 30, ordersPerCustomer: 2, linesPerOrder: 3, seed: 9 });
      const dump = (file: string) => {
        const db = new Database(file, { readonly: true });
        try {
          return db.prepare('SELECT * FROM ORDLIN ORDER BY ORD_NO, LIN_NO').all();
        } finally {
          db.close();
        }
      };
      try {
        expect(dump(again.file)).toEqual(dump(legacy.file));
        expect(dump(other.file)).not.toEqual(dump(legacy.file));
      } finally {
        await again.close();
        await other.close();
      }
      expect(existsSync(again.file)).toBe(false);
    });
  });

  describe('on MariaDB', () => {
    let database: TemporaryDatabase;

    beforeAll(async () => {
      database = await createTemporaryDatabase('mariadb');
    });

    afterAll(() => database?.drop());

    it('seeds 100k rows in a few seconds, then drops them', async () => {
      const started = Date.now();
      const rows = await seedLegacySql('mariadb', database.url, {
        customers: 20_000,
        ordersPerCustomer: 1,
        linesPerOrder: 3,
      });
      const seconds = (Date.now() - started) / 1000;
      expect(rows).toEqual({ CUSTMAST: 20_000, ORDHDR: 20_000, ORDLIN: 60_000 });
      expect(await countLegacySql('mariadb', database.url)).toEqual(rows);
      expect(seconds).toBeLessThan(30);

      const connection = await mysql.createConnection(database.url);
      try {
        const [customers] = await connection.query('SELECT * FROM `CUSTMAST` WHERE `CUST_NO` = ?', ['C000007']);
        expect((customers as Record<string, unknown>[])[0]).toMatchObject({
          CUST_NO: 'C000007',
          CRT_DT: expect.stringMatching(/^\d{8}$/),
          CRLIM_CENTS: expect.any(Number),
        });
        await dropLegacySql('mariadb', connection);
        const [tables] = await connection.query('SHOW TABLES');
        expect(tables).toEqual([]);
      } finally {
        await connection.end();
      }
    }, 60_000);
  });

  describe('on PostgreSQL', () => {
    let database: TemporaryDatabase;

    beforeAll(async () => {
      database = await createTemporaryDatabase('postgres');
    });

    afterAll(() => database?.drop());

    it('seeds upper-case quoted tables whose CHAR columns come back blank-padded, then drops them', async () => {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        const rows = await seedLegacySql('postgres', client, {
          customers: 500,
          ordersPerCustomer: 3,
          linesPerOrder: 2,
          batchSize: 128,
        });
        expect(rows).toEqual({ CUSTMAST: 500, ORDHDR: 1500, ORDLIN: 3000 });
        expect(await countLegacySql('postgres', database.url)).toEqual(rows);
        const { rows: found } = await client.query('SELECT * FROM "CUSTMAST" WHERE "CUST_NO" = $1', ['C000042']);
        expect(found[0].CUST_NO).toBe('C000042   ');
        expect(found[0].CUST_NM).toHaveLength(40);
        const { rows: statuses } = await client.query('SELECT DISTINCT "ORD_STAT" AS s FROM "ORDHDR" ORDER BY 1');
        expect(statuses.map((row) => row.s)).toEqual(['CF', 'CX', 'IV', 'OP', 'SH']);

        await dropLegacySql('postgres', client);
        const { rows: tables } = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
        expect(tables).toEqual([]);
      } finally {
        await client.end();
      }
    });
  });
});
