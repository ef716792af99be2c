import 'reflect-metadata';
import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { ApiKeyService, type Principal, trustedTenantId } from '@trestle/auth';
import { loadConfig, Scope } from '@trestle/core';
import { randomBytes } from 'node:crypto';
import { createHubApp } from '../../../../apps/hub/src/create-hub-app';
import { pluginNames } from '../adapter-kinds';
import { ParsedArgs, stringOption, UsageError } from '../cli-args';
import { readJsonArgument } from '../json-argument';

export const TRY_HELP = `Usage: trestle try <definition> --settings <json|file> [--credentials <json|file>]
                   [--entity customer] [--limit 5] [--plugin <package>]

Starts a hub in this process (SQLite in memory, no demo systems, nothing
written to disk), creates one connection from the definition, reads a page of
canonical records through the unified API (live, through the adapter and the
mapping) and prints them as JSON lines, then exits. Problems are printed as the
hub's problem+json on stderr, with exit code 1.

  <definition>            connector definition file (YAML or JSON)
  --settings <json|file>  the connection's settings, e.g. '{"baseUrl":"http://host:8080/"}'
  --credentials <json|file>
                          the connection's credentials (kept in memory only)
  --entity <name>         canonical entity to read: customer, contact, product, order, invoice
                          (default: customer)
  --limit <n>             how many records (default 5)
  --plugin <package>      load adapter plugins by npm package name (ADAPTER_PLUGINS works too)`;

const PLURAL: Record<string, string> = {
  customer: 'customers',
  contact: 'contacts',
  product: 'products',
  order: 'orders',
  invoice: 'invoices',
};

const CLI: Principal = {
  kind: 'system',
  id: 'trestle-cli',
  tenantId: trustedTenantId('default'),
  scopes: new Set([Scope.Admin]),
};

export async function tryDefinition(args: ParsedArgs): Promise<number> {
  const [file] = args.positionals;
  const settingsOption = stringOption(args, 'settings', TRY_HELP);
  if (!file) throw new UsageError('missing <definition>', TRY_HELP);
  if (!settingsOption) throw new UsageError('missing --settings', TRY_HELP);
  const entity = stringOption(args, 'entity', TRY_HELP) ?? 'customer';
  if (!PLURAL[entity]) throw new UsageError(`unknown entity '${entity}'`, TRY_HELP);
  const limit = Number(stringOption(args, 'limit', TRY_HELP) ?? 5);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer', TRY_HELP);
  const credentialsOption = stringOption(args, 'credentials', TRY_HELP);
  const settings = readJsonArgument(settingsOption, 'settings');
  const credentials = credentialsOption ? readJsonArgument(credentialsOption, 'credentials') : undefined;
  const definition = await loadConnectorDefinition(file);
  process.removeAllListeners('warning');

  const app = await createHubApp(
    loadConfig({
      SQLITE_PATH: ':memory:',
      SECRETS_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
      PRINT_BOOTSTRAP_KEY: 'false',
      DEMO_SYSTEMS: 'off',
      HOST: '127.0.0.1',
      ADAPTER_PLUGINS: pluginNames(stringOption(args, 'plugin', TRY_HELP)).join(','),
    }),
  );
  try {
    await app.getHttpAdapter().getInstance().ready();
    const { key } = await app.get(ApiKeyService).create(CLI, { name: 'trestle try', scopes: [Scope.Admin] });
    const headers = { authorization: `Bearer ${key}` };
    const created = await app.inject({
      method: 'POST',
      url: '/v1/connections',
      headers,
      payload: { name: definition.name, definition, settings, credentials },
    });
    if (created.statusCode !== 201) return problem('creating the connection', created.body);
    const { id } = created.json() as { id: string };
    const page = await app.inject({
      method: 'GET',
      url: `/v1/connections/${id}/${PLURAL[entity]}?limit=${limit}`,
      headers,
    });
    if (page.statusCode !== 200) return problem(`reading ${PLURAL[entity]}`, page.body);
    for (const record of (page.json() as { data: unknown[] }).data) process.stdout.write(`${JSON.stringify(record)}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

function problem(step: string, body: string): number {
  process.stderr.write(`trestle try: ${step} failed:\n${body}\n`);
  return 1;
}
