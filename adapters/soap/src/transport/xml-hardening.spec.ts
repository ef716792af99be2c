import { join } from 'node:path';
import { createClientAsync, type Client } from 'soap';
import { toAdapterError } from './soap-error-mapper';

const WSDL = join(__dirname, '..', '..', 'test-fixtures', 'legacy-crm', 'legacy-crm.wsdl');
const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

const envelope = (doctype: string, name: string) =>
  `<?xml version="1.0"?>${doctype}<soap:Envelope xmlns:soap="${ENV}"><soap:Body>` +
  `<ns1:GetAccountResponse xmlns:ns1="urn:legacy-crm"><GetAccountReturn><name>${name}</name></GetAccountReturn>` +
  `</ns1:GetAccountResponse></soap:Body></soap:Envelope>`;

const lol = (level: number) => (level === 0 ? 'lol' : `&lol${level - 1};`.repeat(10));
const BILLION_LAUGHS = envelope(
  `<!DOCTYPE lolz [<!ENTITY lol0 "lol">${Array.from({ length: 9 }, (_, index) => `<!ENTITY lol${index + 1} "${lol(index + 1)}">`).join('')}]>`,
  '&lol9;',
);
const XXE = envelope('<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;');
const INTERNAL = envelope('<!DOCTYPE r [<!ENTITY greeting "expanded">]>', '&greeting;');

/** What node-soap's parser does with the payload: its result, or what it threw. */
function parse(client: Client, xml: string): { result?: unknown; thrown?: unknown } {
  try {
    return { result: client.wsdl.xmlToObject(xml) };
  } catch (thrown) {
    return { thrown };
  }
}

describe("node-soap's XML parser (sax, strict) on hostile payloads", () => {
  let client: Client;

  beforeAll(async () => {
    client = await createClientAsync(WSDL, { disableCache: true });
  });

  it('parses the same envelope without a DTD (the payloads below fail only because of their entities)', () => {
    const { result } = parse(client, envelope('', 'Acme'));
    expect(JSON.stringify(result)).toContain('Acme');
  });

  it.each([
    ['an external entity (XXE on file:///etc/passwd)', XXE],
    ['an internal entity', INTERNAL],
    ['billion laughs (10^9 expansions)', BILLION_LAUGHS],
  ])('refuses %s as invalid XML without expanding it', (_what, xml) => {
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const { result, thrown } = parse(client, xml);
    expect(performance.now() - started).toBeLessThan(500);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
    expect(result).toBeUndefined();
    expect(JSON.stringify(thrown)).toContain('Invalid character entity');
    expect(JSON.stringify(thrown)).not.toMatch(/root:|expanded|lollol/);
    expect(toAdapterError(thrown, { action: 'call', secrets: [], timeoutMs: 1000 }).code).toBe('invalid_response');
  });
});
