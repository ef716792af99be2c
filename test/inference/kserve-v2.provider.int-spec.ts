import {
  InferenceError,
  KserveV2Provider,
  MicroBatcher,
  ModelInput,
  ModelOutput,
  ResilientProvider,
} from '@trestle/inference';
import { createServer } from 'node:net';
import { FEATURE_WIDTH, ORDER_ANOMALY_ONNX, VECTORS } from './order-anomaly.fixture';
import { KserveTestServer, startKserveTestServer } from './servers/kserve-v2.server';

const API_KEY = 'kserve-test-key-0123456789';
const RETRY = { timeoutMs: 2_000, retries: 2, baseDelayMs: 5, maxDelayMs: 20 };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('KServe v2 (Open Inference Protocol) provider', () => {
  let server: KserveTestServer;
  const provider = (overrides: Partial<ConstructorParameters<typeof KserveV2Provider>[0]> = {}) =>
    new KserveV2Provider({
      baseUrl: server.url,
      model: 'order-anomaly',
      modelVersion: '1',
      input: 'features',
      output: 'anomaly_score',
      apiKey: API_KEY,
      timeoutMs: 2_000,
      ...overrides,
    });

  beforeAll(async () => {
    server = await startKserveTestServer({
      model: 'order-anomaly',
      version: '1',
      onnxPath: ORDER_ANOMALY_ONNX,
      input: 'features',
      output: 'anomaly_score',
      width: FEATURE_WIDTH,
      apiKey: API_KEY,
    });
  });

  afterAll(() => server.close());

  beforeEach(() => {
    server.requests.length = 0;
    server.failNext(0, 500);
    server.delay(0);
    server.setReady(true);
  });

  it('reads model metadata and reports ready through /v2/health/ready', async () => {
    const kserve = provider();

    await expect(kserve.metadata()).resolves.toMatchObject({
      name: 'order-anomaly',
      versions: ['1'],
      inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, FEATURE_WIDTH] }],
    });
    await expect(kserve.ready()).resolves.toBe(true);
    server.setReady(false);
    await expect(kserve.ready()).resolves.toBe(false);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /v2/health/ready');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /v2/models/order-anomaly/versions/1');
  });

  it('sends a whole batch as one v2 inference request and gets each row back as numpy computed it', async () => {
    const outputs = (await provider().infer(VECTORS.cases.map((c) => c.features))) as number[][];

    VECTORS.cases.forEach((c, i) => expect(Math.abs(outputs[i][0] - c.score)).toBeLessThan(1e-5));
    const inferCalls = server.requests.filter((r) => r.path.endsWith('/infer'));
    expect(inferCalls).toHaveLength(1);
    const [call] = inferCalls;
    expect(call.path).toBe('/v2/models/order-anomaly/versions/1/infer');
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call.body).toEqual({
      id: expect.any(String),
      inputs: [
        {
          name: 'features',
          shape: [VECTORS.cases.length, FEATURE_WIDTH],
          datatype: 'FP32',
          data: VECTORS.cases.flatMap((c) => c.features),
        },
      ],
      outputs: [{ name: 'anomaly_score' }],
    });
  });

  it("turns a v2 error body into a typed, non-retryable error carrying the server's message", async () => {
    const error = await provider()
      .infer([[1, 2, 3]])
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InferenceError);
    expect(error).toMatchObject({ code: 'provider_rejected', status: 400, retryable: false });
    expect((error as Error).message).toContain('model expects [-1,14], got [1,3]');
  });

  it('names an unknown model as the server does (404)', async () => {
    await expect(provider({ model: 'no-such-model' }).infer([VECTORS.cases[0].features])).rejects.toMatchObject({
      code: 'provider_rejected',
      status: 404,
      message: expect.stringContaining("Model 'no-such-model' version 1 is not found"),
    });
  });

  it('never puts the API key in an error, even when the server echoes it back', async () => {
    const error = (await provider({ apiKey: 'wrong-secret-key-987654' })
      .infer([VECTORS.cases[0].features])
      .catch((caught: unknown) => caught)) as InferenceError;

    expect(error).toMatchObject({ code: 'provider_auth', status: 401 });
    expect(JSON.stringify({ message: error.message, json: error.toJSON(), stack: error.stack })).not.toContain(
      'wrong-secret-key-987654',
    );
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer wrong-secret-key-987654');
  });

  it('retries 503s with backoff and answers once the server recovers', async () => {
    server.failNext(2, 503);
    const resilient = new ResilientProvider(provider(), 'order-anomaly', RETRY);

    const [row] = (await resilient.infer([VECTORS.cases[0].features])) as number[][];

    expect(Math.abs(row[0] - VECTORS.cases[0].score)).toBeLessThan(1e-5);
    expect(server.requests.filter((r) => r.path.endsWith('/infer'))).toHaveLength(3);
  });

  it('gives a typed provider_unreachable error after the retries when the server is down', async () => {
    const down = new ResilientProvider(
      provider({ baseUrl: `http://127.0.0.1:${await closedPort()}` }),
      'order-anomaly',
      RETRY,
    );

    const error = await down.infer([VECTORS.cases[0].features]).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InferenceError);
    expect(error).toMatchObject({ code: 'provider_unreachable', retryable: true, attempts: 3, model: 'order-anomaly' });
  });

  it('gives a typed provider_timeout error after the retries when the server is too slow', async () => {
    server.delay(500);
    const slow = new ResilientProvider(provider({ timeoutMs: 100 }), 'order-anomaly', {
      ...RETRY,
      timeoutMs: 100,
      retries: 1,
    });
    const started = Date.now();

    await expect(slow.infer([VECTORS.cases[0].features])).rejects.toMatchObject({
      code: 'provider_timeout',
      attempts: 2,
    });
    expect(Date.now() - started).toBeLessThan(450);
  });

  it('keeps serving: the batch that hit a failing server fails, the next batches are answered', async () => {
    const resilient = new ResilientProvider(provider(), 'order-anomaly', { ...RETRY, retries: 1 });
    const batcher = new MicroBatcher<ModelInput, ModelOutput>((inputs) => resilient.infer(inputs), {
      maxBatch: 8,
      maxWaitMs: 2,
      maxConcurrent: 1,
      maxQueued: 1000,
    });
    server.failNext(2, 500);

    const first = await Promise.allSettled(VECTORS.cases.slice(0, 8).map((c) => batcher.submit(c.features)));
    const later = (await Promise.all(VECTORS.cases.slice(8, 24).map((c) => batcher.submit(c.features)))) as number[][];

    expect(first.every((result) => result.status === 'rejected')).toBe(true);
    expect((first[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'provider_unavailable', attempts: 2 });
    VECTORS.cases.slice(8, 24).forEach((c, i) => expect(Math.abs(later[i][0] - c.score)).toBeLessThan(1e-5));
    await batcher.close();
  });

  it('keeps serving other requests while one batch waits on a slow server', async () => {
    server.delay(300);
    const batcher = new MicroBatcher<ModelInput, ModelOutput>((inputs) => provider().infer(inputs), {
      maxBatch: 4,
      maxWaitMs: 1,
      maxConcurrent: 2,
      maxQueued: 1000,
    });
    const slow = batcher.submit(VECTORS.cases[0].features);
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.delay(0);
    const started = Date.now();

    const [fast] = (await batcher.submit(VECTORS.cases[1].features)) as number[];

    expect(Date.now() - started).toBeLessThan(200);
    expect(Math.abs(fast - VECTORS.cases[1].score)).toBeLessThan(1e-5);
    await expect(slow).resolves.toHaveLength(1);
    await batcher.close();
  });
});
