import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig, CanonicalEntityName } from '@trestle/core';
import { ReadinessRegistry } from '@trestle/observability';
import { InferenceMetrics } from '../batching/inference-metrics';
import { InferenceError } from '../inference-error';
import { MicroBatcher } from '../batching/micro-batcher';
import type { InferenceProvider, ModelInput, ModelOutput } from '../providers/inference-provider';
import { createProvider } from '../providers/inference-provider.factory';
import { OnnxRuntimeProvider } from '../providers/onnx-runtime.provider';
import { DEFAULT_RETRY_POLICY, ResilientProvider } from '../providers/resilient.provider';
import { compileInputBuilder, InputBuilder } from './feature-builders';
import { loadModelsFile, ModelDeclaration } from './model-declaration';

export interface RegisteredModel {
  declaration: ModelDeclaration;
  input: InputBuilder;
  provider: InferenceProvider;
  batcher: MicroBatcher<ModelInput, ModelOutput>;
}

type RegistryConfig = Pick<
  AppConfig,
  | 'inferenceModelsFile'
  | 'inferenceDevice'
  | 'inferenceMaxBatch'
  | 'inferenceMaxWaitMs'
  | 'inferenceMaxConcurrentBatches'
  | 'inferenceMaxQueued'
  | 'inferenceTimeoutMs'
  | 'inferenceRetries'
  | 'inferenceApiKey'
  | 'inferenceOnnxThreads'
>;

/** The declared models, each with its provider (timeouts and retries around it) and its micro-batcher. */
@Injectable()
export class ModelRegistry implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ModelRegistry.name);
  private declarations: ModelDeclaration[] = [];
  private readonly models = new Map<string, RegisteredModel>();

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: InferenceMetrics,
    private readonly readiness: ReadinessRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.load(loadModelsFile(this.config.inferenceModelsFile));
    this.readiness.register('inference', async () => {
      const states = await Promise.all(
        [...this.models.values()].map(async (model) => [model.declaration.name, await model.provider.ready()] as const),
      );
      return { up: states.every(([, ready]) => ready), details: { models: Object.fromEntries(states) } };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.unload();
  }

  /** Replaces the registered models (the file's, or a test's). */
  async load(declarations: ModelDeclaration[], config: RegistryConfig = this.config): Promise<void> {
    await this.unload();
    this.declarations = declarations;
    for (const declaration of declarations.filter((model) => model.enabled !== false)) {
      this.models.set(declaration.name, await registerModel(declaration, config, this.metrics));
      this.logger.log(
        `Model ${declaration.name}@${declaration.version} enriches ${declaration.entity}.${declaration.output.enrichment} via ${this.models.get(declaration.name)?.provider.describe}`,
      );
    }
  }

  get(name: string): RegisteredModel | undefined {
    return this.models.get(name);
  }

  forEntity(entity: CanonicalEntityName): RegisteredModel[] {
    return [...this.models.values()].filter((model) => model.declaration.entity === entity);
  }

  /** Every declared model, enabled or not. */
  list(): { declaration: ModelDeclaration; servedBy?: string }[] {
    return this.declarations.map((declaration) => ({
      declaration,
      servedBy: this.models.get(declaration.name)?.provider.describe,
    }));
  }

  private async unload(): Promise<void> {
    const models = [...this.models.values()];
    this.models.clear();
    await Promise.all(models.map((model) => model.batcher.close()));
    await Promise.all(models.map((model) => model.provider.close()));
  }
}

export async function registerModel(
  declaration: ModelDeclaration,
  config: RegistryConfig,
  metrics?: InferenceMetrics,
): Promise<RegisteredModel> {
  const input = compileInputBuilder(declaration.name, declaration.input);
  const inner = await createProvider(declaration, config);
  if (
    inner instanceof OnnxRuntimeProvider &&
    inner.inputWidth !== undefined &&
    inner.inputWidth !== input.columns.length
  ) {
    await inner.close();
    throw new Error(
      `Model ${declaration.name}: the ONNX model takes ${inner.inputWidth} features, the declaration builds ${input.columns.length}`,
    );
  }
  const provider = new ResilientProvider(inner, declaration.name, {
    ...DEFAULT_RETRY_POLICY,
    timeoutMs: declaration.provider.timeoutMs ?? config.inferenceTimeoutMs,
    retries: declaration.provider.retries ?? config.inferenceRetries,
  });
  const batcher = new MicroBatcher<ModelInput, ModelOutput>(
    (inputs) => provider.infer(inputs),
    {
      maxBatch: declaration.batching?.maxBatch ?? config.inferenceMaxBatch,
      maxWaitMs: declaration.batching?.maxWaitMs ?? config.inferenceMaxWaitMs,
      maxConcurrent: config.inferenceMaxConcurrentBatches,
      maxQueued: config.inferenceMaxQueued,
      isolate: (error) => InferenceError.is(error) && error.inputSpecific,
    },
    metrics?.observerFor(declaration.name),
  );
  return { declaration, input, provider, batcher };
}
