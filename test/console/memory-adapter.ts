import { AdapterError, defineAdapter, type AdapterConnection, type SourceRecord } from '@trestle/adapter-sdk';

/** The package name the console spec registers this adapter under (ADAPTER_PLUGINS takes npm names). */
export const MEMORY_ADAPTER_PACKAGE = 'trestle-console-memory-adapter';
export const MEMORY_TOKEN = 'open-sesame';

/** Five good customers and one whose e-mail fails canonical validation (a dead letter once synced). */
const CUSTOMERS: SourceRecord[] = [
  { id: 'C001', name: ' Ada Tools ', email: 'ADA@example.com' },
  { id: 'C002', name: 'Babbage & Sons', email: 'office@babbage.example' },
  { id: 'C003', name: 'Lovelace Mills', email: 'mills@lovelace.example' },
  { id: 'C004', name: 'Hopper Freight', email: 'cargo@hopper.example' },
  { id: 'C005', name: 'Turing Bakery', email: 'bread@turing.example' },
  { id: 'C006', name: 'Broken Records Ltd', email: 'not-an-email' },
];

/** A legacy system in memory: a customer list behind a token, paged two by two with a small delay. */
export const memoryAdapter = defineAdapter<{ pageDelayMs?: number }>({
  kind: 'memory',
  displayName: 'In-memory system',
  description: 'A customer list held in memory, for console tests.',
  settingsSchema: {
    type: 'object',
    properties: { pageDelayMs: { type: 'integer', minimum: 0, maximum: 10000 } },
    additionalProperties: false,
  },
  credentialsSchema: {
    type: 'object',
    required: ['token'],
    properties: { token: { type: 'string', minLength: 1 } },
    additionalProperties: false,
  },
  operationSchema: {
    type: 'object',
    required: ['collection'],
    properties: { collection: { const: 'customers' } },
  },
  async connect({ settings, credentials }): Promise<AdapterConnection> {
    const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const authorize = () => {
      if (credentials.token !== MEMORY_TOKEN) throw new AdapterError('auth', 'the system refused the token');
    };
    return {
      async check() {
        authorize();
        return { ok: true, latencyMs: 1, details: { customers: CUSTOMERS.length } };
      },
      async *list(_entity, query = {}) {
        authorize();
        for (let start = Number(query.cursor ?? 0); start < CUSTOMERS.length; start += 2) {
          await delay(settings.pageDelayMs ?? 0);
          const more = start + 2 < CUSTOMERS.length;
          yield { records: CUSTOMERS.slice(start, start + 2), nextCursor: more ? String(start + 2) : undefined };
        }
      },
      async get(_entity, sourceId) {
        authorize();
        const found = CUSTOMERS.find((customer) => customer.id === sourceId);
        if (!found) throw new AdapterError('not_found', `no customer ${sourceId}`);
        return found;
      },
      async create() {
        throw new AdapterError('unsupported', 'read-only system');
      },
      async update() {
        throw new AdapterError('unsupported', 'read-only system');
      },
      async passthrough() {
        throw new AdapterError('unsupported', 'no passthrough');
      },
      async close() {},
    };
  },
});

export const MEMORY_DEFINITION_YAML = `name: memory-crm
adapter: memory
version: '1'
description: Customers of the in-memory CRM.
entities:
  customer:
    sourceId: id
    operations:
      list: { collection: customers }
      get: { collection: customers }
    fields:
      name: { path: name, transforms: [trim] }
      email: { path: email, transforms: [trim, lower] }
`;
