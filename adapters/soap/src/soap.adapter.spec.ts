import { join } from 'node:path';
import {
  AdapterError,
  type AdapterConnection,
  ConnectorDefinitionError,
  type ConnectorDefinition,
  validateOperations,
} from '@trestle/adapter-sdk';
import { captureLogger, findSecretLeaks, testConnectorDefinition } from '@trestle/adapter-sdk/testing';
import soapAdapter from '@trestle/adapter-soap';
import { connectSoap, erpDefinition } from '../test-fixtures/connect-soap';

const WSDL = join(__dirname, '..', 'test-fixtures', 'misbehaving', 'misbehaving.wsdl');

async function rejection(call: () => Promise<unknown>): Promise<AdapterError> {
  const error = await call().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!AdapterError.is(error)) throw new Error(`expected an AdapterError, got ${String(error)}`);
  return error;
}

const firstPage = async (connection: AdapterConnection, entity: string, query = {}) => {
  for await (const page of connection.list(entity, query)) return page;
};

describe('soap adapter definition', () => {
  it('declares kind soap with settings, credentials and operation schemas', () => {
    expect(soapAdapter).toMatchObject({
      kind: 'soap',
      settingsSchema: expect.any(Object),
      operationSchema: expect.any(Object),
    });
  });

  it('accepts the example ERP definition and refuses operation specs it does not understand', async () => {
    expect(() => validateOperations(definitionWith({ operation: 'X', table: 'CUSTMAST' }), soapAdapter)).toThrow(
      ConnectorDefinitionError,
    );
    expect(() =>
      validateOperations(definitionWith({ operation: 'X', paging: { style: 'keyset', key: 'Id' } }), soapAdapter),
    ).toThrow(ConnectorDefinitionError);
    expect(() => validateOperations(definitionWith({ operation: 'X', idArg: 'a b' }), soapAdapter)).toThrow(
      ConnectorDefinitionError,
    );
    const example = await erpDefinition();
    expect(() => validateOperations(example, soapAdapter)).not.toThrow();
  });

  it("refuses security without credentials at connect, as 'auth'", async () => {
    const logger = captureLogger();
    const error = await rejection(() =>
      connectSoap({
        definition: definitionWith({ operation: 'GetCustomer' }),
        settings: { wsdl: WSDL, security: 'usernameToken' },
        credentials: { username: 'someone' },
        logger,
      }),
    );
    expect(error.code).toBe('auth');
    expect(error.retryable).toBe(false);
  });

  it('refuses what a SOAP listing cannot do before calling anything', async () => {
    const logger = captureLogger();
    const connection = await connectSoap({
      definition: definitionWith({
        operation: 'GetCustomer',
        paging: { style: 'page', pageParam: 'Page', sizeParam: 'Size' },
      }),
      settings: { wsdl: WSDL, endpoint: 'http://127.0.0.1:9/never-called' },
      credentials: { password: 'never-logged-1' },
      logger,
    });
    try {
      expect((await rejection(() => firstPage(connection, 'customer', { filter: { Status: 'A' } }))).code).toBe(
        'unsupported',
      );
      expect(
        (await rejection(() => firstPage(connection, 'customer', { modifiedSince: '2025-01-01T00:00:00Z' }))).code,
      ).toBe('unsupported');
      expect((await rejection(() => firstPage(connection, 'customer', { cursor: 'not-a-cursor' }))).code).toBe(
        'rejected',
      );
      expect((await rejection(() => firstPage(connection, 'nobody'))).code).toBe('unsupported');
      expect((await rejection(() => connection.get('customer', 'C1'))).code).toBe('unsupported');
      expect((await rejection(() => connection.passthrough('GetCustomer', {}))).code).toBe('unsupported');
    } finally {
      await connection.close();
    }
    expect(logger.calls.flatMap((call) => findSecretLeaks(call, ['never-logged-1']))).toEqual([]);
  });

  it("names an operation the WSDL lacks as 'unsupported'", async () => {
    const connection = await connectSoap({
      definition: definitionWith({ operation: 'ListEverything' }),
      settings: { wsdl: WSDL },
    });
    try {
      const error = await rejection(() => firstPage(connection, 'customer'));
      expect(error).toMatchObject({ code: 'unsupported', details: { operation: 'ListEverything' } });
    } finally {
      await connection.close();
    }
  });
});

function definitionWith(list: Record<string, unknown>): ConnectorDefinition {
  return testConnectorDefinition('soap', {
    customer: { sourceId: 'CustomerNo', operations: { list }, fields: { name: { path: 'Name' } } },
  });
}
