import { firstPage, testAdapterContext } from '@trestle/adapter-sdk/testing';
import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { soapAdapter } from '@trestle/adapter-soap';
import { startSoapErp } from '@trestle/simulators';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createClientAsync, WSSecurity } from 'soap';
import { Pool } from 'undici';
import { createConnection, EXAMPLES, percentile, sequentialLatencies } from './bench-connection';
import { bearer, report, SMOKE, startBenchHub } from './bench-harness';

const USER = { username: 'erp-bench', password: 'erp-bench-secret' };
const PAGE = 50;

/**
 * SOAP reads. (1) The hub's GET of a page of ERP customers vs node-soap calling ListCustomers
 * directly, one call at a time, alternating: p50 added <= 2 ms. (2) The SOAP adapter reading a
 * ~4 MB vs a ~1 MB ListCustomers answer (a real page replicated, served canned): time ratio <= 5.
 */
async function main(): Promise<void> {
  const erp = await startSoapErp({ customers: 600, ...USER });
  const hub = await startBenchHub({ LOG_LEVEL: 'silent' });
  const id = await createConnection(hub, 'soap/examples/soap-erp.connector.yaml', {
    settings: { wsdl: erp.wsdlUrl },
    credentials: { ...USER },
  });
  const client = await createClientAsync(erp.wsdlUrl);
  client.setSecurity(new WSSecurity(USER.username, USER.password, { passwordType: 'PasswordText' }));
  const pool = new Pool(hub.url, { connections: 1 });
  const direct = () => client.ListCustomersAsync({ PageNumber: 1, PageSize: PAGE });
  const viaHub = async () => {
    const answer = await pool.request({
      method: 'GET',
      path: `/v1/connections/${id}/customers?limit=${PAGE}`,
      headers: bearer(hub.adminKey),
    });
    if (answer.statusCode !== 200) throw new Error(`hub answered ${answer.statusCode}`);
    await answer.body.text();
  };
  const canned = { body: '' };
  const cannedServer = createServer((_request, response) => {
    _request.resume();
    _request.on('end', () => response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(canned.body));
  });
  await new Promise<void>((resolve) => cannedServer.listen(0, '127.0.0.1', resolve));
  try {
    const calls = SMOKE ? 60 : 300;
    const hubTimes: number[] = [];
    const directTimes: number[] = [];
    for (let round = 0; round < (SMOKE ? 1 : 3); round += 1) {
      hubTimes.push(...(await sequentialLatencies(calls, viaHub)));
      directTimes.push(...(await sequentialLatencies(calls, direct)));
    }
    hubTimes.sort((a, b) => a - b);
    directTimes.sort((a, b) => a - b);
    const added = percentile(hubTimes, 50) - percentile(directTimes, 50);

    await client.ListCustomersAsync({ PageNumber: 1, PageSize: 500 });
    const full = client.lastResponse as string;
    const body = (target: number) => sized(full, target) ?? full;
    const definition = await loadConnectorDefinition(join(EXAMPLES, 'soap/examples/soap-erp.connector.yaml'));
    const connection = await soapAdapter.connect(
      testAdapterContext({
        settings: {
          ...definition.settings,
          wsdl: erp.wsdlUrl,
          endpoint: `http://127.0.0.1:${(cannedServer.address() as AddressInfo).port}/`,
        },
        credentials: { ...USER },
        definition,
        limits: { timeoutMs: 60_000, maxResponseBytes: 64 * 1024 * 1024 },
      }),
    );
    // Sizes alternate, so a noisy neighbour slows both alike; the best time of each counts.
    const timeParses = async (targets: number[], rounds: number) => {
      const results = targets.map(() => ({ ms: Infinity, records: 0, bytes: 0 }));
      for (let round = 0; round < rounds; round += 1) {
        for (const [index, target] of targets.entries()) {
          canned.body = body(target);
          const started = performance.now();
          const records = (await firstPage(connection, 'customer', { pageSize: 500 })).records.length;
          const ms = performance.now() - started;
          results[index] = { ms: Math.min(results[index].ms, ms), records, bytes: canned.body.length };
        }
      }
      return results;
    };
    await timeParses([1 << 20], 1);
    const [small, large] = await timeParses([1 << 20, 4 << 20], SMOKE ? 3 : 9);
    await connection.close();
    report(
      'SOAP read: hub vs node-soap direct (ERP simulator, page of 50, one call at a time); adapter parse 4 MB vs 1 MB',
      {
        'p50 ms hub / direct': `${percentile(hubTimes, 50).toFixed(2)} / ${percentile(directTimes, 50).toFixed(2)}`,
        'p99 ms hub / direct': `${percentile(hubTimes, 99).toFixed(2)} / ${percentile(directTimes, 99).toFixed(2)}`,
        '~1 MB answer: bytes, records, best ms': `${small.bytes}, ${small.records}, ${small.ms.toFixed(1)}`,
        '~4 MB answer: bytes, records, best ms': `${large.bytes}, ${large.records}, ${large.ms.toFixed(1)}`,
      },
      [
        { name: 'p50 added (ms)', value: added, target: '<= 2', pass: added <= 2 },
        { name: '4 MB / 1 MB read time', value: large.ms / small.ms, target: '<= 5', pass: large.ms / small.ms <= 5 },
        {
          name: 'records scale with size',
          value: large.records / small.records,
          target: '>= 3.5',
          pass: large.records / small.records >= 3.5,
        },
      ],
    );
  } finally {
    await pool.close();
    await hub.close();
    await new Promise((resolve) => cannedServer.close(resolve));
    await erp.close();
  }
}

/** The answer with its Customer elements repeated until the document reaches about `target` bytes. */
function sized(full: string, target: number): string | undefined {
  const match = /<(\w+:)?Customer>[\s\S]*<\/(\w+:)?Customer>/.exec(full);
  if (!match) return undefined;
  const customers = match[0];
  const copies = Math.max(1, Math.round((target - (full.length - customers.length)) / customers.length));
  return full.slice(0, match.index) + customers.repeat(copies) + full.slice(match.index + customers.length);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
