import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCheckpointer } from './sqlite-checkpointer';

const ROW = 'x'.repeat(4000);
const TRANSACTIONS = 40;
const ROWS_PER_TRANSACTION = 100;

describe('SqliteCheckpointer', () => {
  let dir: string;
  let file: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trestle-checkpoint-'));
    file = join(dir, 'hub.sqlite');
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v TEXT)');
  });

  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const writeAbout16Mb = async () => {
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const transaction = db.transaction(() => {
      for (let i = 0; i < ROWS_PER_TRANSACTION; i += 1) insert.run(ROW);
    });
    for (let i = 0; i < TRANSACTIONS; i += 1) {
      transaction();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const walBytes = () => statSync(`${file}-wal`).size;

  it('takes checkpoints off the connection and keeps the WAL small while writes go on', async () => {
    const checkpointer = await SqliteCheckpointer.start(db, file, 20);
    expect(checkpointer).toBeDefined();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    await writeAbout16Mb();
    await checkpointer!.stop();

    expect(walBytes()).toBeLessThan(4 << 20);
    expect(statSync(file).size).toBeGreaterThan(15 << 20);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: TRANSACTIONS * ROWS_PER_TRANSACTION });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('without it and without autocheckpoint the WAL grows with every write (the control)', async () => {
    db.pragma('wal_autocheckpoint = 0');
    await writeAbout16Mb();
    expect(walBytes()).toBeGreaterThan(15 << 20);
  });

  it('keeps SQLite checkpointing on commit when the thread cannot open the database', async () => {
    const checkpointer = await SqliteCheckpointer.start(db, join(dir, 'missing.sqlite'));
    expect(checkpointer).toBeUndefined();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
