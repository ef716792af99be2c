import { captureLogger } from './capture-logger';
import { customerRows, InMemoryConnection } from './in-memory-connection.fixture';
import { runAdapterContractTests } from './run-adapter-contract-tests';

const PASSWORD = 'correct-horse-battery';
const WRONG_PASSWORD = 'wrong-horse-battery';
const logger = captureLogger();
const rows = customerRows();

runAdapterContractTests({
  name: 'in-memory connection',
  logger,
  secrets: [PASSWORD, WRONG_PASSWORD],
  connect: async () => new InMemoryConnection(rows, PASSWORD, PASSWORD),
  list: { entity: 'customer', minRecords: 13, idOf: 'ID', pageSize: 3 },
  modifiedSince: {
    since: '2024-01-10T00:00:00.000Z',
    isModifiedSince: (record) => String(record.MODIFIED) >= '2024-01-10',
  },
  get: { existingSourceId: 'C005', missingSourceId: 'C999' },
  create: { record: () => ({ ID: 'C100', NAME: 'Created', MODIFIED: '2023-12-01T00:00:00.000Z' }) },
  failing: { connect: async () => new InMemoryConnection(rows, WRONG_PASSWORD, PASSWORD), expectedCode: 'auth' },
  slowCall: { run: (connection, signal) => connection.passthrough('sleep', {}, { signal }) },
});
