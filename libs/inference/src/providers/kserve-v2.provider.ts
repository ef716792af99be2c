import { InferenceError, InferenceErrorCode } from '../inference-error';
import type { InferenceProvider, ModelInput, ModelOutput } from './inference-provider';
import { ProviderHttpClient } from './provider-http.client';

export interface KserveV2Settings {
  baseUrl: string;
  model: string;
  modelVersion?: string;
  input: string;
  output: string;
  apiKey?: string;
  timeoutMs: number;
}

/** A tensor as the Open Inference Protocol (KServe v2) REST API carries it. */
export interface V2Tensor {
  name: string;
  shape: number[];
  datatype: string;
  data: unknown[];
  parameters?: Record<string, unknown>;
}

export interface V2InferenceRequest {
  id?: string;
  inputs: V2Tensor[];
  outputs?: { name: string; parameters?: Record<string, unknown> }[];
  parameters?: Record<string, unknown>;
}

export interface V2InferenceResponse {
  model_name: string;
  model_version?: string;
  id?: string;
  outputs: V2Tensor[];
}

export interface V2ModelMetadata {
  name: string;
  versions?: string[];
  platform: string;
  inputs: { name: string; datatype: string; shape: number[] }[];
  outputs: { name: string; datatype: string; shape: number[] }[];
}

const NUMERIC_TYPES = new Set(['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64']);
const FLOAT_TYPES = new Set(['FP16', 'FP32', 'FP64', 'BF16']);

/** A model served by any Open Inference Protocol server (KServe, Triton, Seldon MLServer, OpenVINO). */
export class KserveV2Provider implements InferenceProvider {
  readonly kind = 'kserve-v2' as const;
  private readonly http: ProviderHttpClient;
  private readonly modelPath: string;
  private sequence = 0;

  constructor(private readonly settings: KserveV2Settings) {
    this.http = new ProviderHttpClient({
      provider: this.kind,
      baseUrl: settings.baseUrl,
      apiKey: settings.apiKey,
      timeoutMs: settings.timeoutMs,
      errorMessage: (body) => {
        const error = (body as { error?: unknown } | undefined)?.error;
        return typeof error === 'string' ? error : undefined;
      },
    });
    const version = settings.modelVersion ? `/versions/${encodeURIComponent(settings.modelVersion)}` : '';
    this.modelPath = `/v2/models/${encodeURIComponent(settings.model)}${version}`;
  }

  get describe(): string {
    return `kserve-v2 ${this.settings.model} at ${this.http.origin}`;
  }

  async infer(inputs: ModelInput[], signal?: AbortSignal): Promise<ModelOutput[]> {
    if (inputs.length === 0) return [];
    const request: V2InferenceRequest = {
      id: `trestle-${process.pid}-${++this.sequence}`,
      inputs: [toTensor(this.settings.input, inputs)],
      outputs: [{ name: this.settings.output }],
    };
    const response = await this.http.request<V2InferenceResponse>('POST', `${this.modelPath}/infer`, request, signal);
    return this.rowsOf(response, inputs.length);
  }

  async ready(): Promise<boolean> {
    try {
      await this.http.request('GET', '/v2/health/ready');
      const metadata = await this.metadata();
      return metadata.inputs.some((input) => input.name === this.settings.input);
    } catch {
      return false;
    }
  }

  metadata(): Promise<V2ModelMetadata> {
    return this.http.request<V2ModelMetadata>('GET', this.modelPath);
  }

  async close(): Promise<void> {}

  private rowsOf(response: V2InferenceResponse, expected: number): ModelOutput[] {
    const invalid = (message: string) =>
      new InferenceError(InferenceErrorCode.InvalidResponse, `kserve-v2 ${this.settings.model}: ${message}`, {
        provider: this.kind,
      });
    const tensor = response?.outputs?.find?.((output) => output.name === this.settings.output);
    if (!tensor) throw invalid(`no output named '${this.settings.output}'`);
    if (!Array.isArray(tensor.shape) || !Array.isArray(tensor.data)) throw invalid('output without shape or data');
    const data = tensor.data.flat(Infinity);
    const count = tensor.shape.reduce((product, dim) => product * dim, 1);
    if (tensor.shape[0] !== expected || data.length !== count) {
      throw invalid(`output shape [${tensor.shape.join(',')}] does not fit a batch of ${expected}`);
    }
    const width = count / expected;
    const rows: ModelOutput[] = [];
    for (let row = 0; row < expected; row++) {
      const slice = data.slice(row * width, (row + 1) * width);
      if (tensor.datatype === 'BYTES') {
        rows.push(width === 1 ? String(slice[0]) : JSON.stringify(slice));
        continue;
      }
      if (!FLOAT_TYPES.has(tensor.datatype) && !NUMERIC_TYPES.has(tensor.datatype)) {
        throw invalid(`unsupported output datatype ${tensor.datatype}`);
      }
      const numbers = slice.map(Number);
      if (numbers.some(Number.isNaN)) throw invalid('output data is not numeric');
      rows.push(numbers);
    }
    return rows;
  }
}

function toTensor(name: string, inputs: ModelInput[]): V2Tensor {
  if (inputs.every((input) => typeof input === 'string')) {
    return { name, shape: [inputs.length], datatype: 'BYTES', data: inputs };
  }
  const rows = inputs as number[][];
  const width = rows[0].length;
  if (rows.some((row) => typeof row === 'string' || row.length !== width)) {
    throw new InferenceError(InferenceErrorCode.InvalidInput, `kserve-v2: rows of a batch differ in width`);
  }
  return { name, shape: [rows.length, width], datatype: 'FP32', data: rows.flat() };
}
