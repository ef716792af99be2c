import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { join } from 'node:path';
import { bearer, TestHub } from '../harness/hub';

export const LEGACY_SQL_DEFINITION = join(__dirname, '..', 'simulators', 'legacy-sql', 'legacy-sql.connector.yaml');

/** A caller of the hub's REST API: an injected Nest app or a real process URL. */
export interface HubCaller {
  call<T = unknown>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/** Calls an in-process test hub through `inject`, with the admin key unless told another. */
export function injectedCaller(hub: TestHub, key = hub.adminKey): HubCaller {
  return {
    call: async (method, url, body) => {
      const response = await hub.app.inject({
        method: method as 'GET',
        url,
        headers: bearer(key),
        payload: body as object,
      });
      return { status: response.statusCode, body: (response.body ? response.json() : undefined) as never };
    },
  };
}

export interface SyncRun {
  id: string;
  status: string;
  triggeredBy: string;
  modifiedSince: string | null;
  cancelRequested: boolean;
  progress: {
    pages: number;
    recordsRead: number;
    written: number;
    unchanged: number;
    rejected: number;
    pagesNormalized: number;
  };
  error?: { code: string; message: string };
}

/** Creates a connection to a legacy SQL simulator database and returns its id. */
export async function createLegacyConnection(
  hub: HubCaller,
  name: string,
  settings: Record<string, unknown>,
  credentials: Record<string, string> = {},
): Promise<string> {
  const definition = await loadConnectorDefinition(LEGACY_SQL_DEFINITION);
  const created = await hub.call<{ id: string }>('POST', '/v1/connections', {
    name,
    definition,
    settings,
    credentials,
  });
  if (created.status !== 201)
    throw new Error(`connection not created: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id;
}

export async function startSync(hub: HubCaller, connectionId: string, entity: string, mode = 'full'): Promise<SyncRun> {
  const started = await hub.call<SyncRun>('POST', `/v1/connections/${connectionId}/syncs`, { entity, mode });
  if (started.status !== 202) throw new Error(`sync not started: ${started.status} ${JSON.stringify(started.body)}`);
  return started.body;
}

/** Polls the run until it has ended (or the time is up) and returns its last state. */
export async function waitForRun(hub: HubCaller, runId: string, timeoutMs = 30_000): Promise<SyncRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await hub.call<SyncRun>('GET', `/v1/syncs/${runId}`);
    if (!['queued', 'running'].includes(body.status)) return body;
    if (Date.now() > deadline) throw new Error(`sync ${runId} still ${body.status}: ${JSON.stringify(body.progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every record of a store listing, page by page. */
export async function readAll<T = Record<string, unknown>>(hub: HubCaller, url: string): Promise<T[]> {
  const records: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const page: { status: number; body: { data: T[]; cursor: string | null } } = await hub.call(
      'GET',
      cursor ? `${url}${separator}cursor=${encodeURIComponent(cursor)}` : url,
    );
    if (page.status !== 200) throw new Error(`listing failed: ${page.status} ${JSON.stringify(page.body)}`);
    records.push(...page.body.data);
    cursor = page.body.cursor;
  } while (cursor);
  return records;
}

/** Source rows no mapping or validation can accept: a status code outside the enum, an e-mail that is not one. */
export const POISON = {
  mapping: { column: 'STAT_CD', value: 'Z' },
  validation: { column: 'EMAIL_ADDR', value: 'not-an-email' },
} as const;
