import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineAdapter } from '../define-adapter';
import { ConnectorDefinitionError } from './connector-definition-error';
import { loadConnectorDefinition, parseConnectorDefinition } from './parse-connector-definition';
import { validateOperations } from './validate-operations';

const valid = `
name: acme-erp
adapter: sql
version: 3
entities:
  customer:
    sourceId: CUST_NO
    operations:
      list: { table: CUSTMAST, key: CUST_NO, paging: { style: keyset, key: CUST_NO }, incremental: { param: UPD_DT, format: yyyymmdd } }
    fields:
      name: { path: CUST_NM, transforms: [trim] }
      creditLimit.currency: { path: '', default: EUR }
passthrough:
  topCustomers: { query: 'SELECT 1' }
`;

function issuesOf(run: () => unknown): Array<{ path: string; message: string }> {
  try {
    run();
  } catch (error) {
    if (error instanceof ConnectorDefinitionError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConnectorDefinitionError');
}

describe('parseConnectorDefinition', () => {
  it('reads YAML and JSON alike, with the version as a string', () => {
    const fromYaml = parseConnectorDefinition(valid);
    expect(fromYaml.version).toBe('3');
    expect(parseConnectorDefinition(JSON.stringify(fromYaml), { format: 'json' })).toEqual(fromYaml);
  });

  it('names the path of every offending field', () => {
    const broken = valid
      .replace('transforms: [trim]', "transforms: [trim, shout, { date: 'YYMMDD' }]")
      .replace('style: keyset', 'style: seek')
      .replace('sourceId: CUST_NO', 'sourceId: CUST_NO\n    colour: red')
      .replace("{ path: '', default: EUR }", "{ path: '' }");
    const issues = issuesOf(() => parseConnectorDefinition(broken, { source: 'acme.yaml' }));
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          path: '/entities/customer/fields/name/transforms/1',
          message: expect.stringContaining("unknown transform 'shout'"),
        },
        { path: '/entities/customer/fields/name/transforms/2', message: expect.stringContaining('date takes one of') },
        { path: '/entities/customer/operations/list/paging/style', message: expect.any(String) },
        { path: '/entities/customer/colour', message: 'is not a known property' },
        {
          path: '/entities/customer/fields/creditLimit.currency/path',
          message: expect.stringContaining('needs a default'),
        },
      ]),
    );
  });

  it('reports missing required fields and syntax errors', () => {
    expect(issuesOf(() => parseConnectorDefinition('{"name":"x","adapter":"sql"}'))).toEqual(
      expect.arrayContaining([
        { path: '/version', message: 'is required' },
        { path: '/entities', message: 'is required' },
      ]),
    );
    expect(issuesOf(() => parseConnectorDefinition('name: [unclosed'))[0].message).toMatch(/not valid YAML/);
    expect(issuesOf(() => parseConnectorDefinition('{', { format: 'json' }))[0].message).toMatch(/not valid JSON/);
  });

  it('loads files by extension', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trestle-def-'));
    try {
      writeFileSync(join(dir, 'acme.yml'), valid);
      await expect(loadConnectorDefinition(join(dir, 'acme.yml'))).resolves.toMatchObject({ name: 'acme-erp' });
      writeFileSync(join(dir, 'bad.json'), '{"name": 1}');
      await expect(loadConnectorDefinition(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json is not valid/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('validateOperations', () => {
  const adapter = defineAdapter({
    kind: 'sql',
    settingsSchema: { type: 'object' },
    operationSchema: {
      type: 'object',
      oneOf: [{ required: ['table', 'key'] }, { required: ['query'] }],
      properties: {
        table: { type: 'string', pattern: '^[A-Za-z_]+$' },
        key: { type: 'string' },
        query: { type: 'string' },
      },
    },
    connect: async () => {
      throw new Error('not used');
    },
  });

  it('accepts operations that fit the adapter', () => {
    expect(() => validateOperations(parseConnectorDefinition(valid), adapter)).not.toThrow();
  });

  it('reports operation issues with their paths, and a foreign adapter kind', () => {
    const definition = parseConnectorDefinition(valid.replace('table: CUSTMAST', "table: 'CUST MAST'"));
    expect(issuesOf(() => validateOperations({ ...definition, adapter: 'soap' }, adapter))).toEqual([
      { path: '/adapter', message: "names adapter 'soap' but is checked against 'sql'" },
      { path: '/entities/customer/operations/list/table', message: expect.stringContaining('must match pattern') },
    ]);
  });
});
