import { join } from 'node:path';
import { loadModelsFile, ModelsFileError, parseModelsFile } from './model-declaration';

const SHIPPED = join(__dirname, '..', '..', 'models', 'models.yaml');

const model = (overrides: Record<string, unknown> = {}) => ({
  name: 'order-anomaly',
  version: '1',
  entity: 'order',
  input: { kind: 'tensor', features: [{ name: 'lines', builder: 'array-length', field: 'lines' }] },
  provider: { kind: 'onnx', path: 'model.onnx', input: 'features', output: 'score' },
  output: { enrichment: 'riskScore', scalar: true },
  ...overrides,
});

const problemsOf = (models: unknown[]): string[] => {
  try {
    parseModelsFile(JSON.stringify({ models }), '/models/test.json');
  } catch (error) {
    if (error instanceof ModelsFileError) return error.problems;
    throw error;
  }
  return [];
};

describe('models file', () => {
  it('loads the shipped file, resolving ONNX paths against its folder and defaulting enabled to true', () => {
    const models = loadModelsFile(SHIPPED);

    const anomaly = models.find((m) => m.name === 'order-anomaly');
    expect(anomaly).toMatchObject({ enabled: true, entity: 'order', output: { enrichment: 'riskScore' } });
    expect(anomaly?.provider).toMatchObject({
      kind: 'onnx',
      path: join(__dirname, '..', '..', 'models', 'order-anomaly-1.onnx'),
    });
    expect(
      models
        .filter((m) => !m.enabled)
        .map((m) => m.provider.kind)
        .sort(),
    ).toEqual(['kserve-v2', 'openai-embeddings']);
  });

  it('parses YAML and JSON alike', () => {
    const [fromJson] = parseModelsFile(JSON.stringify({ models: [model()] }), '/m/models.json');
    const [fromYaml] = parseModelsFile(
      'models:\n  - name: order-anomaly\n    version: "1"\n    entity: order\n    input: { kind: tensor, features: [{ name: lines, builder: array-length, field: lines }] }\n    provider: { kind: onnx, path: model.onnx, input: features, output: score }\n    output: { enrichment: riskScore, scalar: true }\n',
      '/m/models.yaml',
    );

    expect(fromYaml).toEqual(fromJson);
    expect(fromJson.provider).toMatchObject({ path: '/m/model.onnx' });
  });

  it('names every problem with its place in the file', () => {
    const problems = problemsOf([
      model({ entity: 'shipment' }),
      model({ name: 'b', input: { kind: 'tensor', features: [{ name: 'x', builder: 'cube-root', field: 'total' }] } }),
      model({
        name: 'c',
        provider: { kind: 'kserve-v2', baseUrl: 'http://user:pw@host', model: 'm', input: 'a', output: 'b' },
      }),
      model({ name: 'd', output: { enrichment: 'riskScore', colour: 'red' } }),
    ]);

    expect(problems.some((p) => p.startsWith('models.0.entity'))).toBe(true);
    expect(problems.some((p) => p.startsWith('models.1.input.features.0'))).toBe(true);
    expect(problems.some((p) => p.startsWith('models.2.provider.baseUrl'))).toBe(true);
    expect(problems).toContain("models.3.output: must NOT have additional properties ('colour')");
  });

  it('refuses duplicate model and feature names and inputs the provider cannot take', () => {
    const problems = problemsOf([
      model(),
      model(),
      model({
        name: 'e',
        input: {
          kind: 'tensor',
          features: [
            { name: 'x', builder: 'array-length', field: 'lines' },
            { name: 'x', builder: 'string-length', field: 'number' },
          ],
        },
      }),
      model({
        name: 'f',
        provider: { kind: 'openai-embeddings', baseUrl: 'http://localhost:8000', model: 'm' },
        output: { enrichment: 'embedding' },
      }),
    ]);

    expect(problems).toEqual([
      "models[2] (e): feature 'x' is declared twice",
      'models[3] (f): provider openai-embeddings needs a text input',
      "models: the name 'order-anomaly' is declared twice",
    ]);
  });

  it('takes a drift block with its own reference, window, bins and threshold, and refuses nonsense', () => {
    const drift = { referenceSize: 500, windowMinutes: 60, bins: 20, threshold: 0.25, minSamples: 50 };

    expect(problemsOf([model({ drift })])).toEqual([]);
    expect(problemsOf([model({ drift: { enabled: false } })])).toEqual([]);
    expect(problemsOf([model({ drift: { bins: 1 } })])).toEqual([expect.stringContaining('models.0.drift.bins')]);
    expect(problemsOf([model({ drift: { threshold: 0 } })])).toEqual([
      expect.stringContaining('models.0.drift.threshold'),
    ]);
    expect(problemsOf([model({ drift: { window: 5 } })])).toEqual([expect.stringContaining("('window')")]);
  });

  it('says which file could not be read', () => {
    expect(() => loadModelsFile('/nonexistent/models.yaml')).toThrow(
      /\/nonexistent\/models.yaml[\s\S]*not readable: ENOENT/,
    );
  });
});
