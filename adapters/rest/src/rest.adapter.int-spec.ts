import { join } from 'node:path';
import {
  type AdapterConnection,
  type ConnectorDefinition,
  loadConnectorDefinition,
  mapRecord,
  validateOperations,
} from '@trestle/adapter-sdk';
import { captureLogger, runAdapterContractTests } from '@trestle/adapter-sdk/testing';
import { type RestCrm, startRestCrm } from '../../../test/simulators/rest-crm';
import { connectRest } from '../test-fixtures/connect-rest';
import { type FixtureServer, startFixtureServer } from '../test-fixtures/fixture-server';
import restAdapter from './rest.adapter';
import type { RestSettings } from './rest-settings';

const DEFINITION_FILE = join(__dirname, '..', 'examples', 'rest-crm.connector.yaml');
const WRONG_SECRET = 'not-the-crm-secret-42';
const logger = captureLogger();
let crm: RestCrm;
let hanging: FixtureServer;
let definition: ConnectorDefinition;
let slowConnection: AdapterConnection;
let since: string;

const settingsFor = (baseUrl: string): RestSettings => ({
  ...(definition.settings as unknown as RestSettings),
  baseUrl,
});
const connectCrm = async (clientSecret: string) =>
  (
    await connectRest({
      settings: settingsFor(crm.url),
      credentials: { clientId: crm.clientId, clientSecret },
      definition,
      logger,
    })
  ).connection;

beforeAll(async () => {
  definition = await loadConnectorDefinition(DEFINITION_FILE);
  validateOperations(definition, restAdapter);
  crm = await startRestCrm({ seed: 7, accounts: 40 });
  const updated = Array.from({ length: 40 }, (_, index) => {
    const account = crm.record('accounts', `acc_${String(index + 1).padStart(6, '0')}`);
    return account!.updated_at;
  }).sort();
  since = updated[25];
  hanging = await startFixtureServer(() => undefined);
  slowConnection = await connectSlow();
});

afterAll(async () => {
  await slowConnection?.close();
  await hanging?.close();
  await crm?.close();
});

async function connectSlow(): Promise<AdapterConnection> {
  return (await connectRest({ settings: { baseUrl: hanging.url }, definition, logger })).connection;
}

runAdapterContractTests({
  name: 'rest adapter on the REST CRM simulator (OAuth2 client credentials)',
  logger,
  secrets: () => [crm.clientSecret, WRONG_SECRET],
  connect: () => connectCrm(crm.clientSecret),
  list: { entity: 'customer', minRecords: 40, idOf: 'account_id', pageSize: 7 },
  modifiedSince: {
    since: () => since,
    isModifiedSince: (record) => String(record.updated_at) >= since,
  },
  get: { existingSourceId: 'acc_000005', missingSourceId: 'acc_999999' },
  create: { record: { display_name: 'Contract Kit GmbH', primary_email: 'kit@contract.example' } },
  failing: { connect: () => connectCrm(WRONG_SECRET), expectedCode: 'auth' },
  slowCall: { run: (_connection, signal) => slowConnection.get('customer', 'acc_000001', { signal }) },
});

describe('the rest-crm connector definition', () => {
  let connection: AdapterConnection;
  beforeAll(async () => {
    connection = await connectCrm(crm.clientSecret);
  });
  afterAll(() => connection.close());

  it('maps CRM accounts onto canonical customers', async () => {
    const account = await connection.get('customer', 'acc_000003');
    const mapped = mapRecord(definition.entities.customer, account);
    expect(mapped.sourceId).toBe('acc_000003');
    expect(mapped.modifiedAt).toBe(account.updated_at);
    expect(mapped.values).toEqual({
      name: String(account.display_name).trim(),
      email: String(account.primary_email).toLowerCase(),
      ...(account.phone === null ? {} : { phone: account.phone }),
      createdAt: new Date(Number(account.created_at) * 1000).toISOString(),
      updatedAt: account.updated_at,
    });
  });

  it('maps CRM contacts onto canonical contacts, filtered by account upstream, linked to their customer', async () => {
    const pages = [];
    for await (const page of connection.list('contact', { filter: { account_id: 'acc_000002' } })) pages.push(page);
    const contacts = pages.flatMap((page) => page.records);
    expect(contacts.length).toBeGreaterThan(0);
    for (const contact of contacts) {
      const { values } = mapRecord(definition.entities.contact, contact);
      expect(values).toMatchObject({
        firstName: contact.first_name,
        lastName: contact.last_name,
        email: contact.primary_email,
        customerSourceId: 'acc_000002',
      });
    }
  });

  it('reaches the passthrough operations it declares', async () => {
    const contacts = (await connection.passthrough('accountContacts', { account_id: 'acc_000001' })) as unknown[];
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.every((contact) => (contact as { account_id: string }).account_id === 'acc_000001')).toBe(true);
    await expect(connection.passthrough('accountAsXml', { id: 'acc_000001' })).resolves.toMatchObject({
      account_id: 'acc_000001',
    });
  });
});
