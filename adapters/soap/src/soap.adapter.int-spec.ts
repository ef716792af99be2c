import type { ConnectorDefinition, SourceRecord } from '@trestle/adapter-sdk';
import { captureLogger, runAdapterContractTests } from '@trestle/adapter-sdk/testing';
import { startSoapErp, type SoapErp } from '../../../test/simulators/soap-erp';
import { connectSoap, erpDefinition } from '../test-fixtures/connect-soap';

const USERNAME = 'trestle-sync';
const PASSWORD = 'Pa55-erp-s3cret!';
const SINCE = '2025-03-01T00:00:00.000Z';

describe('SOAP adapter against the simulated ERP', () => {
  const logger = captureLogger();
  let clock = new Date('2025-06-01T12:00:00Z');
  let erp: SoapErp;
  let definition: ConnectorDefinition;

  beforeAll(async () => {
    definition = await erpDefinition();
    erp = await startSoapErp({ username: USERNAME, password: PASSWORD, customers: 50, now: () => clock });
    for (const key of ['C000003', 'C000017', 'C000042']) erp.mutate('Customer', key, { Phone: '+49 30 555000' });
    clock = new Date('2025-06-02T12:00:00Z');
  });

  afterAll(() => erp.close());

  const connect = (password = PASSWORD) =>
    connectSoap({
      definition,
      settings: { wsdl: erp.wsdlUrl },
      credentials: { username: USERNAME, password },
      logger,
    });

  runAdapterContractTests({
    name: 'soap adapter on the simulated ERP (SOAP 1.1, UsernameToken)',
    logger,
    secrets: [PASSWORD],
    connect: () => connect(),
    list: { entity: 'customer', minRecords: 50, idOf: 'CustomerNo', pageSize: 12 },
    modifiedSince: {
      since: SINCE,
      isModifiedSince: (record: SourceRecord) => Date.parse(String(record.LastChanged)) >= Date.parse(SINCE),
    },
    get: { existingSourceId: 'C000001', missingSourceId: 'C999999' },
    create: {
      record: {
        Name: 'Contract Test GmbH',
        Email: 'ap@contract-test.example',
        CreditLimit: '1500.00',
        Currency: 'EUR',
      },
    },
    failing: { connect: () => connect('wrong-password'), expectedCode: 'auth' },
    slowCall: {
      run: async (connection, signal) => {
        erp.setLatency(1000);
        try {
          return await connection.get('customer', 'C000002', { signal });
        } finally {
          erp.setLatency(0);
        }
      },
    },
  });
});
