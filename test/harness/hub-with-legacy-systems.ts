import { Environment } from '@trestle/core';
import { LegacySqlite, LegacySqliteOptions, startLegacySqlite } from '@trestle/simulators';
import { createLegacyConnection, HubCaller, injectedCaller } from '../pipeline/pipeline-fixtures';
import { startTestHub, TestHub } from './hub';

/** An in-process hub, its REST API as the admin, and one legacy SQLite system per name with a connection to it. */
export interface HubWithLegacySystems<Name extends string> {
  hub: TestHub;
  api: HubCaller;
  legacy: Record<Name, { sqlite: LegacySqlite; connectionId: string }>;
  close(): Promise<void>;
}

/** Each system is seeded with its options and connected as `legacy-<name>`. */
export async function startHubWithLegacySystems<Name extends string>(
  env: Environment,
  systems: Record<Name, LegacySqliteOptions>,
): Promise<HubWithLegacySystems<Name>> {
  const hub = await startTestHub(env);
  const api = injectedCaller(hub);
  const started: LegacySqlite[] = [];
  const close = async () => {
    await hub.close();
    for (const sqlite of started) await sqlite.close();
  };
  const legacy = {} as HubWithLegacySystems<Name>['legacy'];
  try {
    for (const name of Object.keys(systems) as Name[]) {
      const sqlite = await startLegacySqlite(systems[name]);
      started.push(sqlite);
      legacy[name] = { sqlite, connectionId: await createLegacyConnection(api, `legacy-${name}`, sqlite.settings) };
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { hub, api, legacy, close };
}
