import type { AppConfig } from '@trestle/core';
import type { ModelDeclaration } from '../registry/model-declaration';
import type { InferenceProvider } from './inference-provider';
import { KserveV2Provider } from './kserve-v2.provider';
import { OnnxRuntimeProvider } from './onnx-runtime.provider';
import { OpenAiChatProvider, OpenAiEmbeddingsProvider } from './openai-compatible.provider';

type ProviderConfig = Pick<
  AppConfig,
  'inferenceDevice' | 'inferenceTimeoutMs' | 'inferenceApiKey' | 'inferenceOnnxThreads'
>;

/** Builds the provider a model declares. API keys come from the environment, never from the models file. */
export async function createProvider(
  model: ModelDeclaration,
  config: ProviderConfig,
  env: Record<string, string | undefined> = process.env,
): Promise<InferenceProvider> {
  const declared = model.provider;
  const timeoutMs = declared.timeoutMs ?? config.inferenceTimeoutMs;
  if (declared.kind === 'onnx') {
    return OnnxRuntimeProvider.load({
      path: declared.path,
      input: declared.input,
      output: declared.output,
      device: config.inferenceDevice,
      intraOpThreads: config.inferenceOnnxThreads,
    });
  }
  let apiKey = config.inferenceApiKey;
  if (declared.apiKeyEnv) {
    apiKey = env[declared.apiKeyEnv];
    if (!apiKey) throw new Error(`Model ${model.name}: environment variable ${declared.apiKeyEnv} is not set`);
  }
  const common = { baseUrl: declared.baseUrl, apiKey, timeoutMs };
  switch (declared.kind) {
    case 'kserve-v2':
      return new KserveV2Provider({
        ...common,
        model: declared.model,
        modelVersion: declared.modelVersion,
        input: declared.input,
        output: declared.output,
      });
    case 'openai-embeddings':
      return new OpenAiEmbeddingsProvider({ ...common, model: declared.model, dimensions: declared.dimensions });
    case 'openai-chat':
      return new OpenAiChatProvider({
        ...common,
        model: declared.model,
        system: declared.system,
        maxTokens: declared.maxTokens,
        temperature: declared.temperature,
        json: declared.json,
      });
  }
}
