import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestHub, TestHub } from '../harness/hub';
import { SCHEMA_DRIFT } from '../harness/schema-drift';
import { createTemporaryPostgres, TemporaryDatabase } from '../harness/temporary-postgres';

const TEST_SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

describe('persistence', () => {
  it.each(Object.keys(SCHEMA_DRIFT) as (keyof typeof SCHEMA_DRIFT)[])(
    'migrations on a fresh %s database leave nothing for TypeORM to generate',
    async (kind) => {
      const drift = await SCHEMA_DRIFT[kind]();
      expect(drift.up).toEqual([]);
    },
    30_000,
  );

  describe('on PostgreSQL', () => {
    let database: TemporaryDatabase;
    let hub: TestHub;

    beforeAll(async () => {
      database = await createTemporaryPostgres();
      hub = await startTestHub({ DATABASE_URL: database.url, SECRETS_KEY: TEST_SECRETS_KEY });
    });

    afterAll(async () => {
      await hub?.close();
      await database?.drop();
    });

    it('is ready with the PostgreSQL database checked', async () => {
      const ready = await hub.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json().details.database).toEqual({ status: 'up', kind: 'postgres' });
    });

    it('reports 503 naming the database once it is gone', async () => {
      await database.drop();
      const ready = await hub.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    });
  });

  describe('on a SQLite file', () => {
    let dir: string;

    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'trestle-sqlite-file-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('checkpoints the WAL from its own thread while up, and leaves no WAL behind when closed', async () => {
      const file = join(dir, 'hub.sqlite');
      const hub = await startTestHub({ SQLITE_PATH: file });
      try {
        const dataSource = hub.app.get(DataSource);
        expect(await dataSource.query('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 0 }]);
        expect(existsSync(`${file}-wal`)).toBe(true);
      } finally {
        await hub.close();
      }
      expect(existsSync(`${file}-wal`)).toBe(false);
    });
  });
});
