import type { AdapterConnection, AdapterLimits, ConnectorDefinition } from '@trestle/adapter-sdk';
import {
  type CapturedLogger,
  captureLogger,
  testAdapterContext,
  testConnectorDefinition,
} from '@trestle/adapter-sdk/testing';
import restAdapter from '../src/rest.adapter';
import type { RestCredentials, RestOperationSpec, RestSettings } from '../src';

/** A definition with one `item` entity served by `/items` (cursor paging) and `/items/{id}`. */
export function itemsDefinition(
  operations: Partial<Record<'list' | 'get' | 'create' | 'update', RestOperationSpec>> = {},
  passthrough?: Record<string, RestOperationSpec>,
): ConnectorDefinition {
  return testConnectorDefinition(
    'rest',
    {
      item: {
        sourceId: 'id',
        modifiedAt: 'modified',
        operations: {
          list: { path: '/items', records: 'data', paging: { style: 'none' } },
          get: { path: '/items/{id}', record: 'data' },
          ...operations,
        },
        fields: { name: { path: 'name' } },
      },
    },
    passthrough,
  );
}

export interface RestTestConnection {
  connection: AdapterConnection;
  logger: CapturedLogger;
}

/** Connects the rest adapter the way the hub would, with a captured logger. */
export async function connectRest(options: {
  settings: RestSettings;
  credentials?: RestCredentials;
  definition?: ConnectorDefinition;
  limits?: Partial<AdapterLimits>;
  logger?: CapturedLogger;
}): Promise<RestTestConnection> {
  const logger = options.logger ?? captureLogger();
  const connection = await restAdapter.connect(
    testAdapterContext({
      settings: { ...options.settings },
      credentials: { ...options.credentials } as Record<string, string>,
      definition: options.definition ?? itemsDefinition(),
      logger,
      limits: options.limits as AdapterLimits | undefined,
    }),
  );
  return { connection, logger };
}

/** What a promise rejected with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
