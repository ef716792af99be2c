import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OnnxRuntimeProvider } from '@trestle/inference';

/** A tensor as the Open Inference Protocol REST API defines it. */
interface RequestTensor {
  name?: unknown;
  shape?: unknown;
  datatype?: unknown;
  data?: unknown;
}

export interface KserveTestServer {
  url: string;
  /** Every request received: method, path, headers and parsed body. */
  requests: { method: string; path: string; headers: IncomingMessage['headers']; body: unknown }[];
  /** The next n infer calls answer this status with a v2 error body. */
  failNext(n: number, status: number): void;
  /** Infer calls whose batch holds a row matching the predicate answer this status (none: all rows pass). */
  failRows(predicate?: (row: number[]) => boolean, status?: number): void;
  /** Delay every answer by this many milliseconds. */
  delay(ms: number): void;
  /** A down server: every connection is dropped before an answer (clients see a reset). */
  setDown(down: boolean): void;
  setReady(ready: boolean): void;
  close(): Promise<void>;
}

const DATATYPE_SIZES: Record<string, true> = {
  FP32: true,
  FP64: true,
  FP16: true,
  BYTES: true,
  INT64: true,
  INT32: true,
};

/**
 * A small, protocol-faithful KServe v2 (Open Inference Protocol) REST server serving one real ONNX model
 * (run by ONNX Runtime):
 * health, server and model metadata, inference with `{ "error": "..." }` bodies on failure, as the spec
 * gives them (https://kserve.github.io/website/docs/concepts/architecture/data-plane/v2-protocol).
 */
export async function startKserveTestServer(options: {
  model: string;
  version: string;
  onnxPath: string;
  input: string;
  output: string;
  width: number;
  apiKey?: string;
}): Promise<KserveTestServer> {
  const runtime = await OnnxRuntimeProvider.load({
    path: options.onnxPath,
    input: options.input,
    output: options.output,
    device: 'cpu',
  });
  const requests: KserveTestServer['requests'] = [];
  let failures: { left: number; status: number } = { left: 0, status: 500 };
  let delayMs = 0;
  let ready = true;
  let down = false;
  let poison: { predicate: (row: number[]) => boolean; status: number } | undefined;

  const metadata = {
    name: options.model,
    versions: [options.version],
    platform: 'onnxruntime_onnx',
    inputs: [{ name: options.input, datatype: 'FP32', shape: [-1, options.width] }],
    outputs: [{ name: options.output, datatype: 'FP32', shape: [-1, 1] }],
  };

  const routes = async (method: string, path: string, body: unknown): Promise<[number, unknown]> => {
    if (method === 'GET' && path === '/v2/health/live') return [200, { live: true }];
    if (method === 'GET' && path === '/v2/health/ready')
      return ready ? [200, { ready: true }] : [503, { ready: false }];
    if (method === 'GET' && path === '/v2') return [200, { name: 'kserve-test', version: '2', extensions: [] }];
    const match = /^\/v2\/models\/([^/]+)(?:\/versions\/([^/]+))?(\/ready|\/infer)?$/.exec(path);
    if (!match) return [404, { error: `no route for ${method} ${path}` }];
    const [, name, version, action] = match;
    if (decodeURIComponent(name) !== options.model || (version !== undefined && version !== options.version)) {
      return [
        404,
        { error: `Model '${decodeURIComponent(name)}'${version ? ` version ${version}` : ''} is not found` },
      ];
    }
    if (method === 'GET' && action === undefined) return [200, metadata];
    if (method === 'GET' && action === '/ready') return [200, { name: options.model, ready }];
    if (method !== 'POST' || action !== '/infer') return [405, { error: `${method} not allowed on ${path}` }];
    if (failures.left > 0) {
      failures.left--;
      return [failures.status, { error: `injected failure ${failures.status}` }];
    }
    return infer(body);
  };

  const infer = async (body: unknown): Promise<[number, unknown]> => {
    const request = body as { id?: unknown; inputs?: RequestTensor[]; outputs?: { name?: unknown }[] };
    if (!request || !Array.isArray(request.inputs) || request.inputs.length !== 1) {
      return [400, { error: 'expected exactly one input tensor in "inputs"' }];
    }
    const tensor = request.inputs[0];
    if (tensor.name !== options.input) return [400, { error: `unexpected input name '${String(tensor.name)}'` }];
    if (typeof tensor.datatype !== 'string' || !DATATYPE_SIZES[tensor.datatype]) {
      return [400, { error: `invalid datatype '${String(tensor.datatype)}'` }];
    }
    if (tensor.datatype !== 'FP32')
      return [400, { error: `input '${options.input}' expects FP32, got ${tensor.datatype}` }];
    const shape = tensor.shape;
    if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      return [400, { error: 'shape must be [batch, features]' }];
    }
    if (shape[1] !== options.width) {
      return [
        400,
        {
          error: `unexpected shape for input '${options.input}', model expects [-1,${options.width}], got [${shape.join(',')}]`,
        },
      ];
    }
    const data = Array.isArray(tensor.data) ? tensor.data.flat(Infinity) : [];
    if (data.length !== shape[0] * shape[1] || !data.every((v) => typeof v === 'number')) {
      return [400, { error: `data length ${data.length} does not match shape [${shape.join(',')}]` }];
    }
    const requested = request.outputs?.map((o) => o.name) ?? [options.output];
    if (requested.some((name) => name !== options.output)) return [400, { error: 'unknown output requested' }];
    const rows: number[][] = [];
    for (let row = 0; row < shape[0]; row++) rows.push((data as number[]).slice(row * shape[1], (row + 1) * shape[1]));
    if (poison && rows.some(poison.predicate)) {
      return [poison.status, { error: `model failed on an input of this batch of ${rows.length}` }];
    }
    const scores = shape[0] === 0 ? [] : ((await runtime.infer(rows)) as number[][]).flat();
    return [
      200,
      {
        model_name: options.model,
        model_version: options.version,
        ...(request.id !== undefined && { id: request.id }),
        outputs: [
          {
            name: options.output,
            shape: [shape[0], 1],
            datatype: 'FP32',
            data: scores,
          },
        ],
      },
    ];
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = Symbol.for('unparseable');
        }
        const path = (req.url ?? '/').split('?')[0];
        requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
        let answer: [number, unknown];
        if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
          answer = [401, { error: `unauthorized: got ${req.headers.authorization ?? 'no credentials'}` }];
        } else if (body === Symbol.for('unparseable')) {
          answer = [400, { error: 'failed to parse the request JSON buffer' }];
        } else {
          answer = await routes(req.method ?? 'GET', path, body).catch((error: unknown) => [
            500,
            { error: error instanceof Error ? error.message : 'internal error' },
          ]);
        }
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (res.destroyed) return;
        res.writeHead(answer[0], { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer[1]));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (n, status) => (failures = { left: n, status }),
    failRows: (predicate, status = 500) => (poison = predicate ? { predicate, status } : undefined),
    delay: (ms) => (delayMs = ms),
    setDown: (value) => (down = value),
    setReady: (value) => (ready = value),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}
