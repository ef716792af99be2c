import { CANONICAL_ENTITY_NAMES, CanonicalEntityName } from '@trestle/core';
import Ajv, { type ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

export const DATE_PARTS = ['year', 'month', 'dayOfMonth', 'dayOfWeek', 'dayOfYear', 'hour', 'isWeekend'] as const;
export type DatePart = (typeof DATE_PARTS)[number];

interface FieldFeature {
  name: string;
  field: string;
  /** Applied after the builder; `log1p` tames amounts and counts. */
  transform?: 'log1p';
  /** Used when the field is absent (default 0). */
  missing?: number;
}

export type FeatureDeclaration =
  | (FieldFeature & { builder: 'numeric' })
  | (FieldFeature & { builder: 'money' })
  | (FieldFeature & { builder: 'boolean' })
  | (FieldFeature & { builder: 'string-length' })
  | (FieldFeature & { builder: 'array-length' })
  | (FieldFeature & { builder: 'array-sum'; item: string; times?: string })
  | (FieldFeature & { builder: 'date-part'; part: DatePart })
  | { name: string; builder: 'one-hot'; field: string; values: string[] };

export type ModelInputDeclaration =
  { kind: 'tensor'; features: FeatureDeclaration[] } | { kind: 'text'; template: string };

interface HttpProviderDeclaration {
  baseUrl: string;
  /** Environment variable holding the bearer key; INFERENCE_API_KEY when omitted. */
  apiKeyEnv?: string;
}

export type ProviderDeclaration = (
  | { kind: 'onnx'; path: string; input: string; output: string }
  | (HttpProviderDeclaration & {
      kind: 'kserve-v2';
      model: string;
      modelVersion?: string;
      input: string;
      output: string;
    })
  | (HttpProviderDeclaration & { kind: 'openai-embeddings'; model: string; dimensions?: number })
  | (HttpProviderDeclaration & {
      kind: 'openai-chat';
      model: string;
      system?: string;
      maxTokens?: number;
      temperature?: number;
      json?: boolean;
    })
) & { timeoutMs?: number; retries?: number };

export interface ModelDeclaration {
  name: string;
  version: string;
  description?: string;
  enabled: boolean;
  entity: CanonicalEntityName;
  input: ModelInputDeclaration;
  provider: ProviderDeclaration;
  /** The enrichment this model writes on the record, e.g. `riskScore` for `order.riskScore`. */
  output: { enrichment: string; scalar?: boolean };
  batching?: { maxBatch?: number; maxWaitMs?: number };
  /** Drift monitoring; on by default with the INFERENCE_DRIFT_* settings. */
  drift?: DriftDeclaration;
}

export interface DriftDeclaration {
  enabled?: boolean;
  /** The first this many scored records (per tenant) form the reference. */
  referenceSize?: number;
  /** The rolling current window. */
  windowMinutes?: number;
  /** Quantile bins per feature, cut from the reference. */
  bins?: number;
  threshold?: number;
  minSamples?: number;
}

const NAME = '^[a-z][a-z0-9-]{0,62}$';
const IDENTIFIER = '^[A-Za-z_][A-Za-z0-9_]{0,63}$';
const PATH = '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*$';
const fieldFeature = (builder: string, extra: Record<string, unknown> = {}, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'builder', 'field', ...required],
  properties: {
    name: { type: 'string', pattern: IDENTIFIER },
    builder: { const: builder },
    field: { type: 'string', pattern: PATH },
    transform: { enum: ['log1p'] },
    missing: { type: 'number' },
    ...extra,
  },
});
const http = {
  baseUrl: { type: 'string', pattern: '^https?://[^/@\\s]+(/\\S*)?$' },
  apiKeyEnv: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$' },
};
const resilience = {
  timeoutMs: { type: 'integer', minimum: 10, maximum: 600000 },
  retries: { type: 'integer', minimum: 0, maximum: 10 },
};
const provider = (kind: string, properties: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required: ['kind', ...required],
  properties: { kind: { const: kind }, ...resilience, ...properties },
});

/** JSON Schema of the models file (YAML or JSON); see docs/inference.md. */
export const MODELS_FILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['models'],
  properties: {
    models: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'version', 'entity', 'input', 'provider', 'output'],
        properties: {
          name: { type: 'string', pattern: NAME },
          version: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$' },
          description: { type: 'string', maxLength: 500 },
          enabled: { type: 'boolean', default: true },
          entity: { enum: CANONICAL_ENTITY_NAMES },
          input: {
            type: 'object',
            required: ['kind'],
            discriminator: { propertyName: 'kind' },
            oneOf: [
              {
                type: 'object',
                additionalProperties: false,
                required: ['kind', 'features'],
                properties: {
                  kind: { const: 'tensor' },
                  features: {
                    type: 'array',
                    minItems: 1,
                    items: {
                      type: 'object',
                      required: ['builder'],
                      discriminator: { propertyName: 'builder' },
                      oneOf: [
                        fieldFeature('numeric'),
                        fieldFeature('money'),
                        fieldFeature('boolean'),
                        fieldFeature('string-length'),
                        fieldFeature('array-length'),
                        fieldFeature(
                          'array-sum',
                          { item: { type: 'string', pattern: PATH }, times: { type: 'string', pattern: PATH } },
                          ['item'],
                        ),
                        fieldFeature('date-part', { part: { enum: DATE_PARTS } }, ['part']),
                        {
                          type: 'object',
                          additionalProperties: false,
                          required: ['name', 'builder', 'field', 'values'],
                          properties: {
                            name: { type: 'string', pattern: IDENTIFIER },
                            builder: { const: 'one-hot' },
                            field: { type: 'string', pattern: PATH },
                            values: {
                              type: 'array',
                              minItems: 1,
                              uniqueItems: true,
                              items: { type: 'string', minLength: 1 },
                            },
                          },
                        },
                      ],
                    },
                  },
                },
              },
              {
                type: 'object',
                additionalProperties: false,
                required: ['kind', 'template'],
                properties: { kind: { const: 'text' }, template: { type: 'string', minLength: 1, maxLength: 4000 } },
              },
            ],
          },
          provider: {
            type: 'object',
            required: ['kind'],
            discriminator: { propertyName: 'kind' },
            oneOf: [
              provider(
                'onnx',
                {
                  path: { type: 'string', minLength: 1 },
                  input: { type: 'string', minLength: 1 },
                  output: { type: 'string', minLength: 1 },
                },
                ['path', 'input', 'output'],
              ),
              provider(
                'kserve-v2',
                {
                  ...http,
                  model: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$' },
                  modelVersion: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$' },
                  input: { type: 'string', minLength: 1 },
                  output: { type: 'string', minLength: 1 },
                },
                ['baseUrl', 'model', 'input', 'output'],
              ),
              provider(
                'openai-embeddings',
                { ...http, model: { type: 'string', minLength: 1 }, dimensions: { type: 'integer', minimum: 1 } },
                ['baseUrl', 'model'],
              ),
              provider(
                'openai-chat',
                {
                  ...http,
                  model: { type: 'string', minLength: 1 },
                  system: { type: 'string', maxLength: 8000 },
                  maxTokens: { type: 'integer', minimum: 1 },
                  temperature: { type: 'number', minimum: 0, maximum: 2 },
                  json: { type: 'boolean' },
                },
                ['baseUrl', 'model'],
              ),
            ],
          },
          output: {
            type: 'object',
            additionalProperties: false,
            required: ['enrichment'],
            properties: { enrichment: { type: 'string', pattern: IDENTIFIER }, scalar: { type: 'boolean' } },
          },
          batching: {
            type: 'object',
            additionalProperties: false,
            properties: {
              maxBatch: { type: 'integer', minimum: 1, maximum: 4096 },
              maxWaitMs: { type: 'integer', minimum: 0, maximum: 10000 },
            },
          },
          drift: {
            type: 'object',
            additionalProperties: false,
            properties: {
              enabled: { type: 'boolean' },
              referenceSize: { type: 'integer', minimum: 10, maximum: 1000000 },
              windowMinutes: { type: 'integer', minimum: 1, maximum: 527040 },
              bins: { type: 'integer', minimum: 2, maximum: 100 },
              threshold: { type: 'number', exclusiveMinimum: 0 },
              minSamples: { type: 'integer', minimum: 1 },
            },
          },
        },
      },
    },
  },
} as const;

export class ModelsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid models file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ModelsFileError';
  }
}

const validateFile = new Ajv({ allErrors: true, discriminator: true, useDefaults: true }).compile(MODELS_FILE_SCHEMA);

/** Parses and validates a models file's text; relative ONNX paths resolve against `baseDir`. */
export function parseModelsFile(text: string, file: string, baseDir = dirname(file)): ModelDeclaration[] {
  let document: unknown;
  try {
    document = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ModelsFileError(file, [`not parseable: ${error instanceof Error ? error.message : String(error)}`]);
  }
  if (!validateFile(document)) throw new ModelsFileError(file, (validateFile.errors ?? []).map(describeIssue));
  const models = (document as { models: ModelDeclaration[] }).models;
  const problems = models.flatMap((model, index) => semanticProblems(model, index));
  const seen = new Set<string>();
  for (const model of models) {
    if (seen.has(model.name)) problems.push(`models: the name '${model.name}' is declared twice`);
    seen.add(model.name);
  }
  if (problems.length > 0) throw new ModelsFileError(file, problems);
  return models.map((model) =>
    model.provider.kind === 'onnx' && !isAbsolute(model.provider.path)
      ? { ...model, provider: { ...model.provider, path: resolve(baseDir, model.provider.path) } }
      : model,
  );
}

export function loadModelsFile(file: string): ModelDeclaration[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ModelsFileError(file, [`not readable: ${(error as NodeJS.ErrnoException).code ?? 'error'}`]);
  }
  return parseModelsFile(text, file);
}

function semanticProblems(model: ModelDeclaration, index: number): string[] {
  const at = `models[${index}] (${model.name})`;
  const problems: string[] = [];
  if (model.input.kind === 'tensor') {
    const names = model.input.features.map((feature) => feature.name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate) problems.push(`${at}: feature '${duplicate}' is declared twice`);
  }
  const { kind } = model.provider;
  const wantsText = kind === 'openai-embeddings' || kind === 'openai-chat';
  if (wantsText && model.input.kind !== 'text') problems.push(`${at}: provider ${kind} needs a text input`);
  if (kind === 'onnx' && model.input.kind !== 'tensor') problems.push(`${at}: provider onnx needs a tensor input`);
  if (model.output.scalar && (kind === 'openai-chat' || kind === 'openai-embeddings')) {
    problems.push(`${at}: output.scalar applies to tensor outputs only`);
  }
  return problems;
}

function describeIssue(error: ErrorObject): string {
  const where = error.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(file)';
  const extra =
    error.keyword === 'additionalProperties'
      ? ` ('${(error.params as { additionalProperty: string }).additionalProperty}')`
      : error.keyword === 'enum' || error.keyword === 'const'
        ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues ?? error.params)})`
        : '';
  return `${where}: ${error.message ?? 'is invalid'}${extra}`;
}
