import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const ENC = 'http://schemas.xmlsoap.org/soap/encoding/';
const ACCOUNTS = Array.from({ length: 7 }, (_, index) => ({
  id: `A-${String(index + 1).padStart(3, '0')}`,
  name: `Account & Co ${index + 1}`,
  balance: `${(index + 1) * 1000}.${String(index * 7).padStart(2, '0')}`,
  openedOn: `2019-0${(index % 9) + 1}-15`,
}));

/** A legacy rpc/encoded CRM (Axis 1 style: multiRef elements, soapenc:Array, xsi:type everywhere). */
export interface LegacyCrm {
  url: string;
  wsdlUrl: string;
  /** Raw request bodies received, for assertions on the rpc/encoded form. */
  requests: string[];
  /** How many times the WSDL was fetched. */
  wsdlFetches(): number;
  close(): Promise<void>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function multiRef(account: (typeof ACCOUNTS)[number], id: string): string {
  return (
    `<multiRef id="${id}" soapenc:root="0" soapenv:encodingStyle="${ENC}" xsi:type="ns2:Account" xmlns:ns2="urn:legacy-crm">` +
    `<id xsi:type="xsd:string">${account.id}</id><name xsi:type="xsd:string">${escape(account.name)}</name>` +
    `<balance xsi:type="xsd:decimal">${account.balance}</balance><openedOn xsi:type="xsd:date">${account.openedOn}</openedOn></multiRef>`
  );
}

function envelope(body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${ENV}" xmlns:soapenc="${ENC}" ` +
    `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

function fault(code: string, text: string): string {
  return envelope(`<soapenv:Fault><faultcode>${code}</faultcode><faultstring>${text}</faultstring></soapenv:Fault>`);
}

function answer(request: string): { status: number; body: string } {
  const arg = (name: string) => new RegExp(`<${name}[^>]*>([^<]*)</${name}>`).exec(request)?.[1];
  if (/<(\w+:)?ListAccounts[\s>]/.test(request)) {
    const page = Number(arg('page') ?? 1);
    const size = Number(arg('size') ?? 3);
    const slice = ACCOUNTS.slice((page - 1) * size, page * size);
    const items = slice.map((_, index) => `<item href="#id${index}"/>`).join('');
    return {
      status: 200,
      body: envelope(
        `<ns1:ListAccountsResponse soapenv:encodingStyle="${ENC}" xmlns:ns1="urn:legacy-crm">` +
          `<ListAccountsReturn xsi:type="soapenc:Array" soapenc:arrayType="ns2:Account[${slice.length}]" xmlns:ns2="urn:legacy-crm">${items}</ListAccountsReturn>` +
          `<hasMore xsi:type="xsd:boolean">${page * size < ACCOUNTS.length}</hasMore></ns1:ListAccountsResponse>` +
          slice.map((account, index) => multiRef(account, `id${index}`)).join(''),
      ),
    };
  }
  if (/<(\w+:)?GetAccount[\s>]/.test(request)) {
    const account = ACCOUNTS.find((candidate) => candidate.id === arg('accountId'));
    if (!account)
      return {
        status: 500,
        body: fault('soapenv:Server.userException', 'java.rmi.RemoteException: account not found'),
      };
    return {
      status: 200,
      body: envelope(
        `<ns1:GetAccountResponse soapenv:encodingStyle="${ENC}" xmlns:ns1="urn:legacy-crm">` +
          `<GetAccountReturn href="#id0"/></ns1:GetAccountResponse>${multiRef(account, 'id0')}`,
      ),
    };
  }
  return { status: 500, body: fault('soapenv:Client', 'No such operation') };
}

/** Starts the rpc/encoded CRM on a free port; its WSDL is served at `?wsdl` with the address rewritten. */
export async function startLegacyCrm(): Promise<LegacyCrm> {
  const requests: string[] = [];
  let wsdl = '';
  let wsdlFetches = 0;
  const server: Server = createServer((request, response) => {
    if (request.method === 'GET') {
      wsdlFetches++;
      response.writeHead(200, { 'content-type': 'text/xml' }).end(wsdl);
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push(body);
      const { status, body: reply } = answer(body);
      response.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' }).end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm`;
  wsdl = readFileSync(join(__dirname, 'legacy-crm.wsdl'), 'utf8').replace('http://127.0.0.1:1/crm', url);
  return {
    url,
    wsdlUrl: `${url}?wsdl`,
    requests,
    wsdlFetches: () => wsdlFetches,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
