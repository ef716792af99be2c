import { ConnectorDefinitionError, type OperationSpec, validateOperations } from '@trestle/adapter-sdk';
import { testConnectorDefinition } from '@trestle/adapter-sdk/testing';
import restAdapter from './rest.adapter';

const withList = (list: Record<string, unknown>) =>
  testConnectorDefinition('rest', {
    item: { sourceId: 'id', operations: { list: list as OperationSpec }, fields: { name: { path: 'name' } } },
  });

describe('REST_OPERATION_SCHEMA through validateOperations', () => {
  it('accepts a full list spec', () => {
    const list = {
      method: 'GET',
      path: '/api/v2/accounts',
      query: { expand: 'owner', active: true },
      records: 'data',
      filters: { account_id: 'account_id' },
      paging: { style: 'cursor', cursorParam: 'cursor', nextCursorPath: 'next_cursor', limitParam: 'limit' },
      incremental: { param: 'updated_since', format: 'iso' },
    };
    expect(() => validateOperations(withList(list), restAdapter)).not.toThrow();
  });

  it.each([
    [{ method: 'GET' }, /path/],
    [{ path: 'api/no-slash' }, /path/],
    [{ path: '/x?inline=query' }, /path/],
    [{ path: '/x', method: 'TRACE' }, /method/],
    [{ path: '/x', table: 'CUSTMAST' }, /table/],
    [{ path: '/x', paging: { style: 'keyset', key: 'id' } }, /paging/],
    [{ path: '/x', body: 'yaml' }, /body/],
  ])('refuses %j', (list, where) => {
    let error: unknown;
    try {
      validateOperations(withList(list), restAdapter);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorDefinitionError);
    expect((error as Error).message).toMatch(where);
  });
});
