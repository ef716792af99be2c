import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import * as soap from 'soap';
import { ErpFault, type SoapVersion } from './erp-fault';
import { createErpOperations, customerRecord } from './erp-operations';
import { type ErpCustomer, type ErpEntities, type ErpEntityName, seedErpTables } from './erp-records';
import { ERP_OPERATIONS, ERP_TYPES_XSD, type ErpOperation, erpWsdl } from './erp-wsdl';
import { requireUsernameToken } from './ws-security';

export interface SoapErpOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** How many customers to generate (default 50); products are always 20, orders 0-4 per customer. */
  customers?: number;
  seed?: number;
  /** With both set, every call must carry a matching wsse:UsernameToken (PasswordText). */
  username?: string;
  password?: string;
  /** Delay before every SOAP answer. */
  latencyMs?: number;
  /** The clock stamped on LastChanged by writes and mutate(); seeded records are all in 2024. */
  now?: () => Date;
}

export interface SoapErp {
  /** The SOAP 1.1 endpoint; `${url}?wsdl` is the WSDL. */
  url: string;
  wsdlUrl: string;
  typesUrl: string;
  soap11Url: string;
  soap12Url: string;
  /** Calls received per operation (including those answered with a fault), over both bindings. */
  callCount(operation: ErpOperation): number;
  calls(): Partial<Record<ErpOperation, number>>;
  resetCalls(): void;
  record<E extends ErpEntityName>(entity: E, key: string): ErpEntities[E] | undefined;
  /** Changes a record behind the API's back and stamps LastChanged with the clock, as a user in the ERP would. */
  mutate<E extends ErpEntityName>(entity: E, key: string, changes: Partial<ErpEntities[E]>): ErpEntities[E];
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const SOAP_PATH = '/erp';
const SOAP12_PATH = '/erp/soap12';
const TYPES_PATH = '/erp/types.xsd';

function serveTypes(request: IncomingMessage, response: ServerResponse): void {
  if (request.method === 'GET' && request.url === TYPES_PATH) {
    response.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(ERP_TYPES_XSD);
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}

function listenSoap(server: ReturnType<typeof createServer>, options: soap.IServerOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    soap.listen(server, {
      ...options,
      callback: (error: unknown) => (error ? reject(error) : resolve()),
    });
  });
}

/** Starts the SOAP ERP simulator (SOAP 1.1 at /erp, SOAP 1.2 at /erp/soap12, WSDL at /erp?wsdl importing /erp/types.xsd). */
export async function startSoapErp(options: SoapErpOptions = {}): Promise<SoapErp> {
  const now = options.now ?? (() => new Date());
  const tables = seedErpTables(options.seed ?? 1, options.customers ?? 50);
  const operations = createErpOperations(tables, now);
  const credentials =
    options.username !== undefined && options.password !== undefined
      ? { username: options.username, password: options.password }
      : undefined;
  let latencyMs = options.latencyMs ?? 0;
  const counts = new Map<ErpOperation, number>();

  const portMethods = (version: SoapVersion) =>
    Object.fromEntries(
      ERP_OPERATIONS.map((operation) => [
        operation,
        async (args: Record<string, unknown> | undefined, _callback: unknown, headers: unknown) => {
          counts.set(operation, (counts.get(operation) ?? 0) + 1);
          if (latencyMs > 0) await delay(latencyMs);
          try {
            if (credentials) requireUsernameToken(headers, credentials);
            return operations[operation](args);
          } catch (error) {
            if (error instanceof ErpFault) throw error.toSoapFault(version);
            throw error;
          }
        },
      ]),
    );

  const server = createServer(serveTypes);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const soap11Url = `${base}${SOAP_PATH}`;
  const soap12Url = `${base}${SOAP12_PATH}`;
  const xml = erpWsdl({ soap11Url, soap12Url, typesLocation: TYPES_PATH.slice(1) });
  const services = { ErpService: { ErpSoap11Port: portMethods('1.1'), ErpSoap12Port: portMethods('1.2') } };
  const uri = `${soap11Url}?wsdl`;
  try {
    await listenSoap(server, { path: SOAP_PATH, services, xml, uri, suppressStack: true });
    await listenSoap(server, { path: SOAP12_PATH, services, xml, uri, suppressStack: true, forceSoap12Headers: true });
  } catch (error) {
    server.close();
    throw error;
  }

  return {
    url: soap11Url,
    wsdlUrl: uri,
    typesUrl: `${base}${TYPES_PATH}`,
    soap11Url,
    soap12Url,
    callCount: (operation) => counts.get(operation) ?? 0,
    calls: () => Object.fromEntries(counts),
    resetCalls: () => counts.clear(),
    record: (entity, key) => structuredClone(tables[entity].get(key)),
    mutate: (entity, key, changes) => {
      const existing = tables[entity].get(key);
      if (!existing) throw new Error(`no ${entity} ${key} in the ERP simulator`);
      const changed = {
        ...existing,
        ...changes,
        LastChanged: now()
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z'),
      };
      const record = (entity === 'Customer' ? customerRecord(changed as ErpCustomer) : changed) as typeof existing;
      tables[entity].set(key, record);
      return structuredClone(record);
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
