import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AdapterError,
  type AdapterConnection,
  type ConnectorDefinition,
  mapRecord,
  parseConnectorDefinition,
  type SourceRecord,
  validateOperations,
} from '@trestle/adapter-sdk';
import { captureLogger, runAdapterContractTests, testAdapterContext } from '@trestle/adapter-sdk/testing';
import { customerNo, customerRow, seedCustomers } from '../test/legacy-sql-seed';
import { mariadbDatabase, postgresDatabase, sqliteDatabase, type TestDatabase } from '../test/test-databases';
import { sqlAdapter } from './sql.adapter';

const CUSTOMERS = 40;
const BIG_ROWS = 12_000;
const EXAMPLE = join(__dirname, '..', 'examples', 'legacy-sql.connector.yaml');

function definitionFor(database: TestDatabase): ConnectorDefinition {
  const example = parseConnectorDefinition(readFileSync(EXAMPLE, 'utf8'), { source: EXAMPLE });
  const quote = (name: string) => (database.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
  return {
    ...example,
    entities: {
      customer: example.entities.customer,
      bigcustomer: {
        ...example.entities.customer,
        operations: { list: { table: 'CUSTBIG', key: 'CUST_NO', paging: { style: 'keyset', key: 'CUST_NO' } } },
      },
    },
    passthrough: {
      customersByStatus: {
        query: `SELECT ${quote('CUST_NO')}, ${quote('CUST_NM')} FROM ${quote('CUSTMAST')} WHERE ${quote('STAT_CD')} = :status`,
      },
      ...(database.sleepQuery ? { sleep: { query: database.sleepQuery } } : {}),
    },
  };
}

const trimmedId = (record: SourceRecord) => String(record.CUST_NO).trim();

function describeDialect(label: string, open: () => Promise<TestDatabase>): void {
  describe(`sql adapter on ${label}`, () => {
    const logger = captureLogger();
    let database: TestDatabase;
    let definition: ConnectorDefinition;
    const connect = (overrides: { timeoutMs?: number } = {}): Promise<AdapterConnection> =>
      sqlAdapter.connect(
        testAdapterContext({
          settings: database.settings,
          credentials: { password: database.password },
          definition,
          logger,
          limits: overrides.timeoutMs ? { timeoutMs: overrides.timeoutMs, maxResponseBytes: 1 << 20 } : undefined,
        }),
      );

    beforeAll(async () => {
      database = await open();
      definition = definitionFor(database);
      await seedCustomers(database.execute, database.dialect, 'CUSTMAST', CUSTOMERS);
      await seedCustomers(database.execute, database.dialect, 'CUSTBIG', BIG_ROWS);
    }, 60_000);

    afterAll(async () => {
      await database?.drop();
    }, 30_000);

    runAdapterContractTests({
      name: label,
      logger,
      secrets: () => [database.password, database.failing.password],
      connect: () => connect(),
      list: { entity: 'customer', minRecords: CUSTOMERS, idOf: trimmedId, pageSize: 7 },
      modifiedSince: {
        since: '2024-01-01T00:00:00.000Z',
        isModifiedSince: (record) => String(record.UPD_DT) >= '20240101',
      },
      get: { existingSourceId: customerNo(7), missingSourceId: 'C999999' },
      create: {
        record: () => ({ ...customerRow(900), CUST_NO: customerNo(900), UPD_DT: '20220101' }),
      },
      failing: {
        connect: () =>
          sqlAdapter.connect(
            testAdapterContext({
              settings: database.failing.settings,
              credentials: { password: database.failing.password },
              definition,
              logger,
            }),
          ),
        get expectedCode() {
          return label === 'MariaDB' ? 'auth' : 'unreachable';
        },
      },
      slowCall:
        label === 'SQLite'
          ? undefined
          : {
              run: (connection, signal) => connection.passthrough('sleep', { seconds: 5 }, { signal }),
              withinMs: 1000,
            },
    });

    describe('beyond the contract', () => {
      let connection: AdapterConnection;
      beforeAll(async () => {
        connection = await connect();
      });
      afterAll(() => connection?.close());

      const firstPage = async (query: Parameters<AdapterConnection['list']>[1]) => {
        for await (const page of connection.list('customer', query)) return page;
        throw new Error('no page');
      };

      it('keeps injection attempts in filters, ids, cursors and passthrough arguments inert', async () => {
        expect((await firstPage({ filter: { STAT_CD: "A' OR '1'='1" } })).records).toEqual([]);
        await expect(firstPage({ filter: { 'STAT_CD = STAT_CD --': 'A' } })).rejects.toMatchObject({
          code: 'rejected',
        });
        await expect(connection.get('customer', "C000001' OR '1'='1")).rejects.toMatchObject({ code: 'not_found' });
        const forged = Buffer.from(JSON.stringify({ k: "' OR 1=1 --" })).toString('base64url');
        expect((await firstPage({ cursor: forged, pageSize: 5 })).records).toHaveLength(5);
        await expect(firstPage({ cursor: 'not a cursor' })).rejects.toMatchObject({ code: 'rejected' });
        const hostile = `A'; DROP TABLE CUSTMAST; --`;
        await expect(connection.passthrough('customersByStatus', { status: hostile })).resolves.toEqual([]);
        await expect(connection.passthrough('customersByStatus', { status: 'A', extra: '1' })).rejects.toMatchObject({
          code: 'rejected',
        });
        await expect(connection.passthrough('DROP TABLE CUSTMAST', {})).rejects.toMatchObject({ code: 'unsupported' });
        const active = (await connection.passthrough('customersByStatus', { status: 'A' })) as SourceRecord[];
        expect(active.length).toBe(
          Array.from({ length: CUSTOMERS }, (_, i) => customerRow(i + 1)).filter((r) => r.STAT_CD === 'A').length,
        );
      });

      it('updates by key and reports a missing key as not_found', async () => {
        const updated = await connection.update('customer', customerNo(3), { STAT_CD: 'B' });
        expect(updated.STAT_CD).toBe('B');
        await expect(connection.update('customer', 'C999999', { STAT_CD: 'B' })).rejects.toMatchObject({
          code: 'not_found',
        });
        await expect(
          connection.create('customer', { ...customerRow(3), CUST_NO: customerNo(3).padEnd(8) }),
        ).rejects.toMatchObject({ code: 'rejected' });
      });

      it(`lists ${BIG_ROWS} rows in bounded pages`, async () => {
        const before = process.memoryUsage().heapUsed;
        let pages = 0;
        let rows = 0;
        let largest = 0;
        let last = '';
        const started = performance.now();
        for await (const page of connection.list('bigcustomer', { pageSize: 500 })) {
          pages++;
          rows += page.records.length;
          largest = Math.max(largest, page.records.length);
          const first = trimmedId(page.records[0]);
          expect(first > last).toBe(true);
          last = trimmedId(page.records[page.records.length - 1]);
        }
        const ms = Math.round(performance.now() - started);
        const heapDeltaMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
        expect({ pages, rows, largest }).toEqual({ pages: BIG_ROWS / 500, rows: BIG_ROWS, largest: 500 });
        expect(heapDeltaMb).toBeLessThan(64);
        logger.info('figures', { label, rows, pages, ms, heapDeltaMb: Math.round(heapDeltaMb) });
        console.log(
          `${label}: listed ${rows} rows in ${pages} pages in ${ms} ms, heap delta ${heapDeltaMb.toFixed(1)} MiB`,
        );
      }, 60_000);

      it('maps seeded rows with the example definition into canonical customers', async () => {
        validateOperations(definition, sqlAdapter);
        const binding = definition.entities.customer;
        const mapped = mapRecord(binding, await connection.get('customer', customerNo(21)));
        expect(mapped).toEqual({
          sourceId: 'C000021',
          modifiedAt: '2024-06-01T00:00:00.000Z',
          values: {
            name: 'Customer 21 GmbH',
            email: 'buyer21@example.com',
            phone: '+49 30 0000021',
            status: 'inactive',
            creditLimit: { amount: '21000.21', currency: 'EUR' },
            createdAt: '2019-01-22',
            updatedAt: '2024-06-01T00:00:00.000Z',
          },
        });
        const blank = mapRecord(binding, await connection.get('customer', customerNo(20)));
        expect(blank.values).toMatchObject({ status: 'blocked', creditLimit: { amount: '20000.20', currency: 'EUR' } });
        expect(blank.values).not.toHaveProperty('email');
      });

      if (label !== 'SQLite') {
        it('cancels a statement on the server when the time limit passes', async () => {
          const short = await connect({ timeoutMs: 400 });
          try {
            const started = performance.now();
            const error = await short.passthrough('sleep', { seconds: 6 }).catch((caught: unknown) => caught);
            expect(error).toBeInstanceOf(AdapterError);
            expect((error as AdapterError).code).toBe('timeout');
            expect(performance.now() - started).toBeLessThan(1500);
            const deadline = Date.now() + 3000;
            let running = await database.runningSleeps!();
            while (running > 0 && Date.now() < deadline) {
              await new Promise((resolve) => setTimeout(resolve, 100));
              running = await database.runningSleeps!();
            }
            expect(running).toBe(0);
          } finally {
            await short.close();
          }
        }, 15_000);
      }
    });
  });
}

describeDialect('SQLite', sqliteDatabase);
describeDialect('PostgreSQL', postgresDatabase);
describeDialect('MariaDB', mariadbDatabase);
