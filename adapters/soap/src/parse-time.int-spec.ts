import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectorDefinition } from '@trestle/adapter-sdk';
import { createClientAsync } from 'soap';
import { ERP_TYPES_NAMESPACE, ERP_TYPES_XSD, erpWsdl } from '../../../test/simulators/soap-erp/erp-wsdl';
import { connectSoap, erpDefinition } from '../test-fixtures/connect-soap';

const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

function listCustomersResponse(targetBytes: number): { xml: string; count: number } {
  const customer = (index: number) =>
    `<t:Customer><t:CustomerNo>C${String(index).padStart(6, '0')}</t:CustomerNo><t:Name>Customer ${index} Handels GmbH &amp; Co. KG</t:Name>` +
    `<t:Email>ap@customer-${index}.example</t:Email><t:Phone>+49 30 ${100000 + index}</t:Phone><t:CreditLimit>${index % 500}000.00</t:CreditLimit>` +
    `<t:Currency>EUR</t:Currency><t:Status>A</t:Status><t:LastChanged>2024-05-06T07:08:09Z</t:LastChanged></t:Customer>`;
  const items: string[] = [];
  let size = 0;
  while (size < targetBytes) {
    const item = customer(items.length + 1);
    items.push(item);
    size += item.length;
  }
  const xml =
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${ENV}" xmlns:t="${ERP_TYPES_NAMESPACE}"><soap:Body>` +
    `<t:ListCustomersResponse><t:Customers>${items.join('')}</t:Customers><t:PageNumber>1</t:PageNumber><t:PageSize>${items.length}</t:PageSize>` +
    `<t:TotalRecords>${items.length}</t:TotalRecords><t:TotalPages>1</t:TotalPages><t:HasMore>false</t:HasMore></t:ListCustomersResponse></soap:Body></soap:Envelope>`;
  return { xml, count: items.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/**
 * Measures how parsing a ListCustomers answer scales from ~1 MB to ~4 MB: node-soap's parser alone
 * and the whole adapter call (HTTP, size cap, DTD guard, parse, encoded-value cleanup). Linear
 * scaling gives about 4x; the target is at most 5x, and 8x (heading for quadratic) fails.
 */
describe('SOAP response parse time, ~1 MB vs ~4 MB ListCustomers', () => {
  let server: Server;
  let workDir: string;
  let wsdlPath: string;
  let definition: ConnectorDefinition;
  let body = '';
  const responses = { small: listCustomersResponse(1024 * 1024), large: listCustomersResponse(4 * 1024 * 1024) };

  beforeAll(async () => {
    definition = await erpDefinition();
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/erp`;
    workDir = await mkdtemp(join(tmpdir(), 'trestle-soap-parse-'));
    await mkdir(join(workDir, 'erp'));
    await writeFile(join(workDir, 'erp', 'types.xsd'), ERP_TYPES_XSD);
    wsdlPath = join(workDir, 'erp.wsdl');
    await writeFile(wsdlPath, erpWsdl({ soap11Url: url, soap12Url: `${url}/soap12`, typesLocation: 'erp/types.xsd' }));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(workDir, { recursive: true, force: true });
  });

  it('scales about linearly', async () => {
    const client = await createClientAsync(wsdlPath, { disableCache: true });
    const parseOnly = {
      small: await timed(3, () => client.wsdl.xmlToObject(responses.small.xml)),
      large: await timed(3, () => client.wsdl.xmlToObject(responses.large.xml)),
    };
    const connection = await connectSoap({
      definition,
      settings: { wsdl: wsdlPath, security: 'none' },
      limits: { timeoutMs: 30_000, maxResponseBytes: 16 * 1024 * 1024 },
    });
    const listOnce = async (which: 'small' | 'large') => {
      body = responses[which].xml;
      for await (const page of connection.list('customer', { pageSize: 500 })) {
        expect(page.records).toHaveLength(responses[which].count);
        return;
      }
    };
    const adapter = { small: await timed(3, () => listOnce('small')), large: await timed(3, () => listOnce('large')) };
    await connection.close();

    const report = (what: string, times: { small: number; large: number }) =>
      `${what}: ${times.small.toFixed(1)} ms (${(responses.small.xml.length / 1048576).toFixed(2)} MB, ` +
      `${responses.small.count} customers) vs ${times.large.toFixed(1)} ms (${(responses.large.xml.length / 1048576).toFixed(2)} MB, ` +
      `${responses.large.count} customers), ratio ${(times.large / times.small).toFixed(2)}`;
    process.stdout.write(`${report('node-soap parse', parseOnly)}\n${report('adapter list call', adapter)}\n`);
    expect(parseOnly.large / parseOnly.small).toBeLessThan(8);
    expect(adapter.large / adapter.small).toBeLessThan(8);
  }, 120_000);
});
