import { loadConnectorDefinition, validateOperations, type ConnectorDefinition } from '@trestle/adapter-sdk';
import { captureLogger, runAdapterContractTests, testAdapterContext } from '@trestle/adapter-sdk/testing';
import { join } from 'node:path';
import { startFake__Kind__System, type Fake__Kind__System } from '../test-fixtures/fake-__kind__-system';
import { __kindCamel__Adapter } from './__kind__.adapter';

const TOKEN = 'tok-__kind__-5e1f0c2a9b7d';
const WRONG_TOKEN = 'tok-wrong-7d3c8e1a44f0';
const SINCE = '2024-01-20T00:00:00.000Z';
const logger = captureLogger();
let system: Fake__Kind__System;
let definition: ConnectorDefinition;

beforeAll(async () => {
  system = await startFake__Kind__System({ token: TOKEN, customers: 25 });
  definition = await loadConnectorDefinition(join(__dirname, '..', 'examples', '__kind__.connector.yaml'));
});
afterAll(() => system.close());

const connect = (token: string) => () =>
  __kindCamel__Adapter.connect(
    testAdapterContext({ settings: { baseUrl: system.url }, credentials: { token }, definition, logger }),
  );

it('accepts the example connector definition', () => {
  expect(() => validateOperations(definition, __kindCamel__Adapter)).not.toThrow();
});

runAdapterContractTests({
  name: '__kind__ adapter against the fake system',
  logger,
  secrets: [TOKEN, WRONG_TOKEN],
  connect: connect(TOKEN),
  list: { entity: 'customer', minRecords: 25, idOf: 'id', pageSize: 7 },
  modifiedSince: { since: SINCE, isModifiedSince: (record: Record<string, unknown>) => String(record.modified) >= SINCE },
  get: { existingSourceId: 'C007', missingSourceId: 'C999' },
  create: { record: { id: 'C100', name: 'New Customer', email: 'new@example.com', status: 'A' } },
  failing: { connect: connect(WRONG_TOKEN), expectedCode: 'auth' },
});
