import { Client } from 'pg';
import { createTemporaryPostgres, TemporaryDatabase } from '../../../../test/harness/temporary-postgres';
import { AppendThreadError, PostgresAppendThread } from './postgres-append-thread';

const INSERT = {
  name: 'test_append',
  text: 'INSERT INTO notes (tenant, body) SELECT $1, b FROM unnest($2::text[]) AS b',
};

describe('PostgresAppendThread', () => {
  let database: TemporaryDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createTemporaryPostgres();
    client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query("CREATE TABLE notes (tenant text NOT NULL CHECK (tenant <> ''), body text NOT NULL)");
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('runs the statement off the event loop with the values sent, and answers with the row count', async () => {
    const thread = await PostgresAppendThread.start(database.url, INSERT);
    try {
      const counts = await Promise.all([
        thread!.run(['a', ['one', 'two', 'it\'s "quoted", {braced}']]),
        thread!.run(['b', ['three']]),
        thread!.run(['c', []]),
      ]);
      expect(counts).toEqual([3, 1, 0]);
      const { rows } = await client.query("SELECT tenant, body FROM notes WHERE tenant IN ('a', 'b') ORDER BY body");
      expect(rows).toEqual([
        { tenant: 'a', body: 'it\'s "quoted", {braced}' },
        { tenant: 'a', body: 'one' },
        { tenant: 'b', body: 'three' },
        { tenant: 'a', body: 'two' },
      ]);
    } finally {
      await thread?.stop();
    }
  });

  it("rejects with the database's message and SQLSTATE, and keeps taking statements", async () => {
    const thread = await PostgresAppendThread.start(database.url, INSERT);
    try {
      const failure = thread!.run(['', ['refused']]);
      await expect(failure).rejects.toBeInstanceOf(AppendThreadError);
      await expect(failure).rejects.toMatchObject({
        code: '23514',
        message: expect.stringContaining('check constraint'),
      });
      await expect(thread!.run(['d', ['after']])).resolves.toBe(1);
    } finally {
      await thread?.stop();
    }
  });

  it('finishes what was sent before stop, then refuses more', async () => {
    const thread = (await PostgresAppendThread.start(database.url, INSERT))!;
    const sent = Array.from({ length: 20 }, (_, i) => thread.run(['e', [`row ${i}`]]));
    await thread.stop();
    await expect(Promise.all(sent)).resolves.toEqual(Array(20).fill(1));
    expect(thread.running).toBe(false);
    await expect(thread.run(['e', ['late']])).rejects.toThrow('stopped');
    const { rows } = await client.query("SELECT count(*)::int AS n FROM notes WHERE tenant = 'e'");
    expect(rows[0].n).toBe(20);
  });

  it('does not start where the database cannot be reached', async () => {
    const url = new URL(database.url);
    url.pathname = '/trestle_no_such_database';
    await expect(PostgresAppendThread.start(url.toString(), INSERT)).resolves.toBeUndefined();
  });
});
