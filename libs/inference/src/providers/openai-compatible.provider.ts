import { InferenceError, InferenceErrorCode } from '../inference-error';
import type { InferenceProvider, ModelInput, ModelOutput } from './inference-provider';
import { ProviderHttpClient } from './provider-http.client';

interface OpenAiSettings {
  /** The server root; a trailing `/v1` is accepted too. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

export interface OpenAiEmbeddingsSettings extends OpenAiSettings {
  dimensions?: number;
}

export interface OpenAiChatSettings extends OpenAiSettings {
  system?: string;
  maxTokens?: number;
  temperature?: number;
  /** Ask for a JSON object and parse it. */
  json?: boolean;
}

export interface EmbeddingsResponse {
  object: 'list';
  data: { object: 'embedding'; index: number; embedding: number[] }[];
  model: string;
  usage?: { prompt_tokens: number; total_tokens: number };
}

export interface ChatCompletionResponse {
  id: string;
  object: 'chat.completion';
  model: string;
  choices: { index: number; message: { role: string; content: string | null }; finish_reason: string }[];
}

const CHAT_CONCURRENCY = 4;

function client(kind: string, settings: OpenAiSettings): ProviderHttpClient {
  return new ProviderHttpClient({
    provider: kind,
    baseUrl: settings.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, ''),
    apiKey: settings.apiKey,
    timeoutMs: settings.timeoutMs,
    errorMessage: (body) => {
      const error = (body as { error?: { message?: unknown } | string } | undefined)?.error;
      if (typeof error === 'string') return error;
      return typeof error?.message === 'string' ? error.message : undefined;
    },
  });
}

function texts(kind: string, inputs: ModelInput[]): string[] {
  if (inputs.some((input) => typeof input !== 'string')) {
    throw new InferenceError(InferenceErrorCode.InvalidInput, `${kind} takes text inputs`, { provider: kind });
  }
  return inputs as string[];
}

function invalid(kind: string, message: string): InferenceError {
  return new InferenceError(InferenceErrorCode.InvalidResponse, `${kind}: ${message}`, { provider: kind });
}

/** Embeddings from any OpenAI-compatible server (`POST /v1/embeddings`): a whole batch in one request. */
export class OpenAiEmbeddingsProvider implements InferenceProvider {
  readonly kind = 'openai-embeddings' as const;
  private readonly http: ProviderHttpClient;

  constructor(private readonly settings: OpenAiEmbeddingsSettings) {
    this.http = client(this.kind, settings);
  }

  get describe(): string {
    return `openai-embeddings ${this.settings.model} at ${this.http.origin}`;
  }

  async infer(inputs: ModelInput[], signal?: AbortSignal): Promise<ModelOutput[]> {
    if (inputs.length === 0) return [];
    const body = {
      model: this.settings.model,
      input: texts(this.kind, inputs),
      encoding_format: 'float',
      ...(this.settings.dimensions !== undefined && { dimensions: this.settings.dimensions }),
    };
    const response = await this.http.request<EmbeddingsResponse>('POST', '/v1/embeddings', body, signal);
    const data = Array.isArray(response?.data) ? response.data : [];
    if (data.length !== inputs.length) {
      throw invalid(this.kind, `${data.length} embeddings for ${inputs.length} inputs`);
    }
    const rows: number[][] = new Array(inputs.length);
    for (const item of data) {
      const ok =
        Number.isInteger(item?.index) &&
        item.index >= 0 &&
        item.index < inputs.length &&
        Array.isArray(item.embedding) &&
        item.embedding.every((value) => typeof value === 'number');
      if (!ok) throw invalid(this.kind, 'an embedding without a valid index or vector');
      rows[item.index] = item.embedding;
    }
    if (rows.some((row) => row === undefined)) throw invalid(this.kind, 'embedding indexes do not cover the batch');
    return rows;
  }

  async ready(): Promise<boolean> {
    return this.http.request('GET', '/v1/models').then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {}
}

/** Chat completions from any OpenAI-compatible server: one request per input, a few in flight at once. */
export class OpenAiChatProvider implements InferenceProvider {
  readonly kind = 'openai-chat' as const;
  private readonly http: ProviderHttpClient;

  constructor(private readonly settings: OpenAiChatSettings) {
    this.http = client(this.kind, settings);
  }

  get describe(): string {
    return `openai-chat ${this.settings.model} at ${this.http.origin}`;
  }

  async infer(inputs: ModelInput[], signal?: AbortSignal): Promise<ModelOutput[]> {
    const prompts = texts(this.kind, inputs);
    const outputs: ModelOutput[] = new Array(prompts.length);
    let next = 0;
    const worker = async () => {
      while (next < prompts.length) {
        const index = next++;
        outputs[index] = await this.complete(prompts[index], signal);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHAT_CONCURRENCY, prompts.length) }, worker));
    return outputs;
  }

  async ready(): Promise<boolean> {
    return this.http.request('GET', '/v1/models').then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {}

  private async complete(prompt: string, signal?: AbortSignal): Promise<ModelOutput> {
    const { model, system, maxTokens, temperature, json } = this.settings;
    const body = {
      model,
      messages: [...(system ? [{ role: 'system', content: system }] : []), { role: 'user', content: prompt }],
      ...(maxTokens !== undefined && { max_tokens: maxTokens }),
      ...(temperature !== undefined && { temperature }),
      ...(json && { response_format: { type: 'json_object' } }),
    };
    const response = await this.http.request<ChatCompletionResponse>('POST', '/v1/chat/completions', body, signal);
    const content = response?.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw invalid(this.kind, 'a completion without message content');
    if (!json) return content;
    try {
      const parsed: unknown = JSON.parse(content);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // reported below
    }
    throw invalid(this.kind, 'the completion is not the JSON object that was asked for');
  }
}
