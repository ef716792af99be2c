import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Environment } from '@trestle/core';
import { startTestHub, TestHub } from './hub';
import { createTemporaryPostgres, TemporaryDatabase } from './temporary-postgres';

export interface PostgresHub {
  hub: TestHub;
  database: TemporaryDatabase;
  /** A connection of its own to the hub's database, for reading and arranging rows directly. */
  client: Client;
  close(): Promise<void>;
}

/** A hub on a fresh PostgreSQL database of its own; change events are not dispatched unless `env` says so. */
export async function startPostgresHub(env: Environment = {}): Promise<PostgresHub> {
  const database = await createTemporaryPostgres();
  const hub = await startTestHub({
    DATABASE_URL: database.url,
    SECRETS_KEY: randomBytes(32).toString('base64'),
    EVENTS_DISPATCH: 'off',
    ...env,
  });
  const client = new Client({ connectionString: database.url });
  await client.connect();
  return {
    hub,
    database,
    client,
    close: async () => {
      await client.end();
      await hub.close();
      await database.drop();
    },
  };
}
