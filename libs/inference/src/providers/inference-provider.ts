/** One model input: a numeric feature row (tabular models) or a text (embedding and chat models). */
export type ModelInput = number[] | string;

/** One model output: a number row (scores, an embedding), a text, or parsed JSON from a chat model. */
export type ModelOutput = number[] | string | Record<string, unknown>;

export type ProviderKind = 'onnx' | 'kserve-v2' | 'openai-embeddings' | 'openai-chat';

/**
 * Serves one declared model. `infer` takes a whole batch and answers one output per input, in order;
 * it throws an InferenceError for the batch. Implementations are safe to call concurrently.
 */
export interface InferenceProvider {
  readonly kind: ProviderKind;
  /** A short description for logs: never a URL with credentials, never a key. */
  readonly describe: string;
  infer(inputs: ModelInput[], signal?: AbortSignal): Promise<ModelOutput[]>;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}
