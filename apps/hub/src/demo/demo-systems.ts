import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { DEFAULT_TENANT, Principal, trustedTenantId } from '@trestle/auth';
import { ConnectionService } from '@trestle/connectors';
import { AppConfig, Scope } from '@trestle/core';
import { DEFAULT_CRM_CLIENT, startLegacySqlite, startRestCrm, startSoapErp } from '@trestle/simulators';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const DEMO: Principal = {
  kind: 'system',
  id: 'demo',
  tenantId: trustedTenantId(DEFAULT_TENANT),
  scopes: new Set([Scope.Admin]),
};
const ERP_CREDENTIALS = { username: 'demo', password: 'demo-erp-password' };

function repositoryRoot(from = __dirname): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json')) && dirname(directory) !== directory)
    directory = dirname(directory);
  return directory;
}

/**
 * Out of the box the hub runs next to three simulated legacy systems and is connected to them, so
 * a first `npm start` has data to show: a SOAP ERP, a REST CRM and a SQL database with legacy naming.
 */
@Injectable()
export class DemoSystems implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Demo');
  private readonly closers: (() => Promise<void>)[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly connections: ConnectionService,
  ) {}

  get enabled(): boolean {
    return this.config.demoSystems === 'on' || (this.config.demoSystems === 'auto' && !this.config.databaseUrl);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    const root = repositoryRoot();
    const erp = await startSoapErp({ customers: 50, ...ERP_CREDENTIALS });
    const crm = await startRestCrm({ accounts: 40 });
    const sql = await startLegacySqlite({
      file:
        this.config.sqlitePath === ':memory:'
          ? undefined
          : resolve(dirname(this.config.sqlitePath), 'demo-legacy.sqlite'),
      customers: 120,
    });
    this.closers.push(
      () => erp.close(),
      () => crm.close(),
      () => sql.close(),
    );
    await this.ensure(
      'demo-erp',
      join(root, 'adapters/soap/examples/soap-erp.connector.yaml'),
      { wsdl: erp.wsdlUrl },
      ERP_CREDENTIALS,
    );
    await this.ensure(
      'demo-crm',
      join(root, 'adapters/rest/examples/rest-crm.connector.yaml'),
      { baseUrl: crm.url },
      { clientId: DEFAULT_CRM_CLIENT.clientId, clientSecret: DEFAULT_CRM_CLIENT.clientSecret },
    );
    await this.ensure('demo-sql', join(root, 'test/simulators/legacy-sql/legacy-sql.connector.yaml'), sql.settings, {});
    this.logger.log(`Demo legacy systems up: SOAP ERP ${erp.url}, REST CRM ${crm.url}, SQL ${sql.file}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.closers.splice(0).map((close) => close().catch(() => undefined)));
  }

  private async ensure(
    name: string,
    definitionFile: string,
    settings: object,
    credentials: Record<string, string>,
  ): Promise<void> {
    const definition = (await loadConnectorDefinition(definitionFile)) as unknown as Record<string, unknown>;
    const existing = (await this.connections.list(DEMO)).find((connection) => connection.name === name);
    if (existing) {
      await this.connections.update(DEMO, existing.id, { definition, settings: { ...settings }, credentials });
    } else {
      await this.connections.create(DEMO, { name, definition, settings: { ...settings }, credentials });
    }
  }
}
