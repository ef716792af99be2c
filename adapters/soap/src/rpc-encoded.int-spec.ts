import { AdapterError, type ConnectorDefinition } from '@trestle/adapter-sdk';
import { testConnectorDefinition } from '@trestle/adapter-sdk/testing';
import { connectSoap } from '../test-fixtures/connect-soap';
import { startLegacyCrm, type LegacyCrm } from '../test-fixtures/legacy-crm/legacy-crm-server';

const definition: ConnectorDefinition = testConnectorDefinition('soap', {
  customer: {
    sourceId: 'id',
    operations: {
      list: {
        operation: 'ListAccounts',
        records: 'ListAccountsReturn.item',
        paging: { style: 'page', pageParam: 'page', sizeParam: 'size', hasMorePath: 'hasMore' },
      },
      get: { operation: 'GetAccount', idArg: 'accountId', record: 'GetAccountReturn' },
    },
    fields: { name: { path: 'name' } },
  },
});

describe('SOAP adapter on an rpc/encoded service (Axis 1 style multiRef)', () => {
  let crm: LegacyCrm;

  beforeAll(async () => {
    crm = await startLegacyCrm();
  });

  afterAll(() => crm.close());

  it('loads the WSDL once per connection, sends rpc/encoded requests and reads multiRef arrays page by page', async () => {
    const connection = await connectSoap({ definition, settings: { wsdl: crm.wsdlUrl } });
    try {
      const pages = [];
      for await (const page of connection.list('customer', { pageSize: 3 })) pages.push(page);
      expect(crm.wsdlFetches()).toBe(1);
      expect(pages.map((page) => page.records.map((record) => record.id))).toEqual([
        ['A-001', 'A-002', 'A-003'],
        ['A-004', 'A-005', 'A-006'],
        ['A-007'],
      ]);
      expect(pages[0].records[0]).toEqual({
        id: 'A-001',
        name: 'Account & Co 1',
        balance: '1000.00',
        openedOn: '2019-01-15',
      });
      const request = crm.requests[0];
      expect(request).toContain('encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"');
      const prefix = /xmlns:(\w+)="urn:legacy-crm"/.exec(request)?.[1];
      expect(request).toContain(`<${prefix}:ListAccounts>`);
      expect(request).toMatch(/<page>1<\/page><size>3<\/size>/);
    } finally {
      await connection.close();
    }
  });

  it('gets one record through an href and maps a server fault saying "not found" to not_found', async () => {
    const connection = await connectSoap({ definition, settings: { wsdl: crm.wsdlUrl } });
    try {
      await expect(connection.get('customer', 'A-005')).resolves.toMatchObject({ id: 'A-005', balance: '5000.28' });
      const error = await connection.get('customer', 'A-999').catch((failure: unknown) => failure);
      expect(AdapterError.is(error) && error.code).toBe('not_found');
      expect((error as AdapterError).details).toMatchObject({ faultcode: 'soapenv:Server.userException' });
    } finally {
      await connection.close();
    }
  });
});
