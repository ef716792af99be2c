import {
  InferenceProvider,
  loadModelsFile,
  MicroBatcher,
  ModelInput,
  ModelOutput,
  OnnxRuntimeProvider,
  registerModel,
} from '@trestle/inference';
import { FEATURE_WIDTH, MODELS_FILE, ORDER_ANOMALY_ONNX, VECTORS } from './order-anomaly.fixture';

const CONFIG = {
  inferenceModelsFile: MODELS_FILE,
  inferenceDevice: 'cpu' as const,
  inferenceMaxBatch: 16,
  inferenceMaxWaitMs: 5,
  inferenceMaxConcurrentBatches: 1,
  inferenceMaxQueued: 10_000,
  inferenceTimeoutMs: 5_000,
  inferenceRetries: 0,
  inferenceApiKey: undefined,
  inferenceOnnxThreads: 0,
};

describe('the shipped order-anomaly model', () => {
  const declaration = loadModelsFile(MODELS_FILE).find((model) => model.name === 'order-anomaly');
  let provider: OnnxRuntimeProvider;

  beforeAll(async () => {
    provider = await OnnxRuntimeProvider.load({
      path: ORDER_ANOMALY_ONNX,
      input: 'features',
      output: 'anomaly_score',
      device: 'cpu',
    });
  });

  afterAll(() => provider.close());

  it('is declared with the features, in the order, that the model was trained on', async () => {
    expect(declaration).toBeDefined();
    const model = await registerModel(declaration!, CONFIG);
    try {
      expect(model.input.columns).toEqual(VECTORS.features);
      expect(provider.inputWidth).toBe(FEATURE_WIDTH);
    } finally {
      await model.batcher.close();
      await model.provider.close();
    }
  });

  it('builds from each canonical order the features numpy computed', async () => {
    const model = await registerModel(declaration!, CONFIG);
    try {
      for (const testCase of VECTORS.cases) {
        const built = model.input.build(testCase.record) as number[];
        expect(built).toHaveLength(FEATURE_WIDTH);
        built.forEach((value, i) => expect(Math.abs(value - testCase.features[i])).toBeLessThan(1e-9));
      }
    } finally {
      await model.batcher.close();
      await model.provider.close();
    }
  });

  it('scores with ONNX Runtime what numpy computed, within 1e-5, batched or one by one', async () => {
    const batch = (await provider.infer(VECTORS.cases.map((c) => c.features))) as number[][];
    const single = await Promise.all(
      VECTORS.cases.map(async (c) => ((await provider.infer([c.features])) as number[][])[0]),
    );

    VECTORS.cases.forEach((testCase, i) => {
      expect(batch[i]).toHaveLength(1);
      expect(Math.abs(batch[i][0] - testCase.score)).toBeLessThan(VECTORS.tolerance);
      expect(Math.abs(single[i][0] - testCase.score)).toBeLessThan(VECTORS.tolerance);
    });
    expect(VECTORS.tolerance).toBeLessThanOrEqual(1e-5);
    expect(new Set(batch.map((row) => row[0].toFixed(3))).size).toBeGreaterThan(5);
  });

  it('scores the planted anomalies higher than the ordinary orders on average', () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const anomalous = VECTORS.cases.slice(24).map((c) => c.score);
    const ordinary = VECTORS.cases.slice(0, 24).map((c) => c.score);
    expect(mean(anomalous)).toBeGreaterThan(mean(ordinary));
  });

  it('forms batches under load: 64 concurrent requests, max batch 16, at most 5 provider calls', async () => {
    const calls: number[] = [];
    const counting: InferenceProvider = {
      kind: 'onnx',
      describe: 'counting',
      infer: (inputs: ModelInput[]) => {
        calls.push(inputs.length);
        return provider.infer(inputs);
      },
      ready: async () => true,
      close: async () => undefined,
    };
    const batcher = new MicroBatcher<ModelInput, ModelOutput>((inputs) => counting.infer(inputs), {
      maxBatch: 16,
      maxWaitMs: 5,
      maxConcurrent: 1,
      maxQueued: 1000,
    });
    const requests = Array.from({ length: 64 }, (_, i) => VECTORS.cases[i % VECTORS.cases.length]);

    const outputs = (await Promise.all(requests.map((c) => batcher.submit(c.features)))) as number[][];

    expect(calls.length).toBeLessThanOrEqual(5);
    expect(calls.every((size) => size <= 16)).toBe(true);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(64);
    requests.forEach((testCase, i) => expect(Math.abs(outputs[i][0] - testCase.score)).toBeLessThan(1e-5));
    await batcher.close();
  });

  it('runs on CPU when CUDA is asked for but not available, and says so', async () => {
    const cuda = await OnnxRuntimeProvider.load({
      path: ORDER_ANOMALY_ONNX,
      input: 'features',
      output: 'anomaly_score',
      device: 'cuda',
    });
    try {
      expect(['cpu', 'cuda']).toContain(cuda.device);
      expect(cuda.describe).toContain(`(${cuda.device})`);
      const [row] = (await cuda.infer([VECTORS.cases[0].features])) as number[][];
      expect(Math.abs(row[0] - VECTORS.cases[0].score)).toBeLessThan(1e-5);
    } finally {
      await cuda.close();
    }
  });

  it('refuses a declaration whose feature count does not fit the model', async () => {
    const narrow = {
      ...declaration!,
      input: {
        kind: 'tensor' as const,
        features: [{ name: 'lines', builder: 'array-length' as const, field: 'lines' }],
      },
    };

    await expect(registerModel(narrow, CONFIG)).rejects.toThrow(/takes 14 features, the declaration builds 1/);
  });

  it('refuses rows of the wrong width with a typed, non-retryable error', async () => {
    await expect(provider.infer([[1, 2, 3]])).rejects.toMatchObject({ code: 'invalid_input', retryable: false });
  });
});
