import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Pathology =
  /** A well-formed SOAP 1.1 answer, so a test can switch between health and trouble. */
  | 'ok'
  | 'html-500'
  | 'garbage-xml'
  | 'truncated-xml'
  | 'soap-fault'
  /** A well-formed but huge SOAP answer (`oversizedBytes`, default 20 MiB), streamed chunk by chunk. */
  | 'oversized'
  /** A DOCTYPE whose external SYSTEM entity points at file:///etc/passwd, used in the body. */
  | 'xxe'
  /** Nested internal entities that expand to about 3 GB if a parser lets them. */
  | 'billion-laughs'
  /** Nothing at all for `slowHeadersMs` (default 5000), then the 'ok' answer. */
  | 'slow-headers';

export interface MisbehavingHttpServerOptions {
  mode?: Pathology;
  oversizedBytes?: number;
  slowHeadersMs?: number;
  port?: number;
}

export interface MisbehavingHttpServer {
  url: string;
  port: number;
  setMode(mode: Pathology): void;
  /** Requests received so far. */
  requestCount(): number;
  /** Bytes of the last oversized answer actually written before it finished or the client went away. */
  oversizedBytesSent(): number;
  close(): Promise<void>;
}

const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const soapEnvelope = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="${SOAP_NS}"><soap:Body>${body}</soap:Body></soap:Envelope>`;

export const OK_BODY = soapEnvelope(
  '<GetCustomerResponse xmlns="urn:trestle:misbehaving"><Customer><CustomerNo>C000001</CustomerNo><Name>Healthy Ltd</Name></Customer></GetCustomerResponse>',
);

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<soap:Envelope xmlns:soap="${SOAP_NS}"><soap:Body><GetCustomerResponse xmlns="urn:trestle:misbehaving"><Customer><Name>&lol9;</Name></Customer></GetCustomerResponse></soap:Body></soap:Envelope>`;

const XXE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE soap:Envelope [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<soap:Envelope xmlns:soap="${SOAP_NS}"><soap:Body><GetCustomerResponse xmlns="urn:trestle:misbehaving"><Customer><CustomerNo>C000001</CustomerNo><Name>&xxe;</Name></Customer></GetCustomerResponse></soap:Body></soap:Envelope>`;

const SOAP_FAULT = soapEnvelope(
  '<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Internal ERP error: lock timeout on table CUSTMAST</faultstring><detail><ErrorCode>ERP-4711</ErrorCode></detail></soap:Fault>',
);

const HTML_500 =
  '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>The server encountered an internal error.</p><hr><address>Apache/2.2.3 (Unix) Server at erp.example Port 80</address></body></html>';

const GARBAGE = 'ORA-00942: table or view does not exist\n\u0000\u0001 not xml at all { "surprise": true } <<<>>>';

const xmlResponse = (response: ServerResponse, status: number, body: string) =>
  response.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' }).end(body);

/** An HTTP server that answers every request with the pathology it is set to. */
export async function startMisbehavingHttpServer(
  options: MisbehavingHttpServerOptions = {},
): Promise<MisbehavingHttpServer> {
  let mode: Pathology = options.mode ?? 'ok';
  let requests = 0;
  let oversizedSent = 0;
  const oversizedBytes = options.oversizedBytes ?? 20 * 1024 * 1024;
  const slowHeadersMs = options.slowHeadersMs ?? 5000;

  const streamOversized = (response: ServerResponse) => {
    oversizedSent = 0;
    const head = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP_NS}"><soap:Body><ListCustomersResponse xmlns="urn:trestle:misbehaving">`,
    );
    const tail = Buffer.from('</ListCustomersResponse></soap:Body></soap:Envelope>');
    const item = Buffer.from(
      '<Customer><CustomerNo>C000001</CustomerNo><Name>Padding Padding Padding</Name></Customer>',
    );
    const chunk = Buffer.concat(Array.from({ length: Math.ceil(65_536 / item.length) }, () => item));
    response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
    const send = (buffer: Buffer) => {
      oversizedSent += buffer.length;
      return response.write(buffer);
    };
    send(head);
    const writeMore = () => {
      while (!response.destroyed) {
        if (oversizedSent + chunk.length + tail.length >= oversizedBytes) {
          send(tail);
          response.end();
          return;
        }
        if (!send(chunk)) {
          response.once('drain', writeMore);
          return;
        }
      }
    };
    writeMore();
  };

  const answer = (request: IncomingMessage, response: ServerResponse) => {
    requests++;
    request.resume();
    switch (mode) {
      case 'ok':
        return xmlResponse(response, 200, OK_BODY);
      case 'html-500':
        return response.writeHead(500, { 'content-type': 'text/html; charset=iso-8859-1' }).end(HTML_500);
      case 'garbage-xml':
        return xmlResponse(response, 200, GARBAGE);
      case 'truncated-xml':
        return xmlResponse(response, 200, OK_BODY.slice(0, Math.floor(OK_BODY.length * 0.6)));
      case 'soap-fault':
        return xmlResponse(response, 500, SOAP_FAULT);
      case 'oversized':
        return streamOversized(response);
      case 'xxe':
        return xmlResponse(response, 200, XXE);
      case 'billion-laughs':
        return xmlResponse(response, 200, BILLION_LAUGHS);
      case 'slow-headers': {
        const timer = setTimeout(() => xmlResponse(response, 200, OK_BODY), slowHeadersMs);
        response.once('close', () => clearTimeout(timer));
        return;
      }
    }
  };

  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setMode: (next) => {
      mode = next;
    },
    requestCount: () => requests,
    oversizedBytesSent: () => oversizedSent,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
