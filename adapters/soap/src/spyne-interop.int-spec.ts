import { AdapterError, type ConnectorDefinition } from '@trestle/adapter-sdk';
import { captureLogger, runAdapterContractTests, testConnectorDefinition } from '@trestle/adapter-sdk/testing';
import { type SpyneServer, spyneAvailable, startSpyneServer } from '../../../test/support/spyne-server';
import { connectSoap } from '../test-fixtures/connect-soap';

const definition: ConnectorDefinition = testConnectorDefinition(
  'soap',
  {
    customer: {
      sourceId: 'CustomerId',
      operations: {
        list: {
          operation: 'ListCustomers',
          records: 'ListCustomersResult.Customers',
          paging: {
            style: 'page',
            pageParam: 'page',
            sizeParam: 'pageSize',
            hasMorePath: 'ListCustomersResult.HasMore',
          },
        },
        get: { operation: 'GetCustomer', idArg: 'id', record: 'GetCustomerResult' },
      },
      fields: { name: { path: 'Name' } },
    },
  },
  { StockLevel: { operation: 'GetStockLevel', record: 'GetStockLevelResult' } },
);

const BASIC_PASSWORD = 'spyne-basic-Secret-77';
const describeWithSpyne = spyneAvailable() ? describe : describe.skip;

describeWithSpyne('SOAP adapter against a spyne (Python) service', () => {
  const logger = captureLogger();
  let spyne: SpyneServer;

  beforeAll(async () => {
    spyne = await startSpyneServer();
  }, 20_000);

  afterAll(() => spyne?.close());

  const connect = (settings: { endpoint?: string } = {}) =>
    connectSoap({
      definition,
      settings: { wsdl: spyne.wsdlUrl, security: 'basic', ...settings },
      credentials: { username: 'hub', password: BASIC_PASSWORD },
      logger,
    });

  runAdapterContractTests({
    name: 'soap adapter on spyne',
    logger,
    secrets: [BASIC_PASSWORD],
    connect: () => connect(),
    list: { entity: 'customer', minRecords: 25, idOf: 'CustomerId', pageSize: 10 },
    get: { existingSourceId: 'K00007', missingSourceId: 'K99999' },
    failing: { connect: () => connect({ endpoint: 'http://127.0.0.1:9/' }), expectedCode: 'unreachable' },
  });

  it('reads spyne decimals exactly and runs a declared passthrough, refusing undeclared ones', async () => {
    const connection = await connect();
    try {
      await expect(connection.get('customer', 'K00003')).resolves.toEqual({
        CustomerId: 'K00003',
        Name: 'Spyne Customer 3',
        Email: 'buyer3@spyne.example',
        CreditLimit: '750.00',
        Status: 'I',
      });
      const stock = (await connection.passthrough('StockLevel', { itemNo: 'IT00001' })) as Record<string, unknown>;
      const onHand = [...'IT00001'].reduce((sum, character) => sum + character.charCodeAt(0), 0) % 200;
      expect(stock).toEqual({ ItemNo: 'IT00001', OnHand: onHand, Available: Math.max(0, onHand - 7) });
      const refused = await connection.passthrough('GetCustomer', { id: 'K00001' }).catch((error: unknown) => error);
      expect(AdapterError.is(refused) && refused.code).toBe('unsupported');
    } finally {
      await connection.close();
    }
  });

  it("maps spyne's Client.ValidationFailed fault to 'rejected' with the fault string in details", async () => {
    const connection = await connect();
    try {
      const error = await connection.passthrough('StockLevel', {}).catch((failure: unknown) => failure);
      expect(AdapterError.is(error) && error.code).toBe('rejected');
      expect((error as AdapterError).details).toMatchObject({ faultstring: 'itemNo is required' });
    } finally {
      await connection.close();
    }
  });
});
