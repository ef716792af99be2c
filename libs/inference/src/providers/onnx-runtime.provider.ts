import { Logger } from '@nestjs/common';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InferenceError, InferenceErrorCode } from '../inference-error';
import type { InferenceProvider, ModelInput, ModelOutput } from './inference-provider';

export type InferenceDevice = 'cpu' | 'cuda';

export interface OnnxRuntimeSettings {
  path: string;
  input: string;
  output: string;
  device: InferenceDevice;
  /** Threads of the session's operators; 0 lets ONNX Runtime choose. */
  intraOpThreads?: number;
}

interface Ready {
  type: 'ready';
  device: InferenceDevice;
  cudaError?: string;
  inputs: { name: string; shape: (number | string)[] }[];
  outputs: string[];
}

type Reply = { id: number; data: Float32Array; dims: number[] } | { id: number; error: string };

/**
 * ONNX Runtime's node binding runs a session synchronously on the calling thread. The session lives in
 * a worker thread instead, so the event loop keeps serving while a batch runs (and the native binding
 * stays in its own realm, out of any vm sandbox such as Jest's). Plain JavaScript: it runs unbundled.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.runtime);
const firstLine = (error) => String(error && error.message ? error.message : error).split('\\n')[0].slice(0, 300);
(async () => {
  const options = { graphOptimizationLevel: 'all' };
  if (workerData.intraOpThreads) options.intraOpNumThreads = workerData.intraOpThreads;
  let session;
  let device = 'cpu';
  let cudaError;
  if (workerData.device === 'cuda') {
    try {
      session = await ort.InferenceSession.create(workerData.path, { ...options, executionProviders: ['cuda'] });
      device = 'cuda';
    } catch (error) {
      cudaError = firstLine(error);
    }
  }
  try {
    session = session || (await ort.InferenceSession.create(workerData.path, { ...options, executionProviders: ['cpu'] }));
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: firstLine(error) });
    return;
  }
  parentPort.on('message', async (message) => {
    if (message.type === 'close') {
      await session.release();
      parentPort.close();
      return;
    }
    try {
      const feeds = { [workerData.input]: new ort.Tensor('float32', message.data, message.dims) };
      const result = await session.run(feeds, [workerData.output]);
      const output = result[workerData.output];
      const data = Float32Array.from(output.data);
      parentPort.postMessage({ id: message.id, data, dims: output.dims }, [data.buffer]);
    } catch (error) {
      parentPort.postMessage({ id: message.id, error: firstLine(error) });
    }
  });
  parentPort.postMessage({
    type: 'ready',
    device,
    cudaError,
    inputs: session.inputMetadata.map((m) => ({ name: m.name, shape: m.isTensor ? m.shape : [] })),
    outputs: session.outputNames,
  });
})();
`;

/** An ONNX model run in-process by ONNX Runtime: CUDA when asked for and available, CPU otherwise. */
export class OnnxRuntimeProvider implements InferenceProvider {
  readonly kind = 'onnx' as const;
  private readonly logger = new Logger(OnnxRuntimeProvider.name);
  private readonly pending = new Map<
    number,
    { resolve(rows: number[][]): void; reject(error: unknown): void; rows: number }
  >();
  private sequence = 0;
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    private readonly settings: OnnxRuntimeSettings,
    readonly device: InferenceDevice,
    readonly inputWidth: number | undefined,
  ) {
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (error) => this.failAll(`ONNX Runtime worker failed: ${error.message}`));
    worker.on('exit', () => this.failAll('ONNX Runtime worker exited'));
    worker.unref();
  }

  /** Loads the model; with `device: 'cuda'` it tries the CUDA execution provider and falls back to CPU, logging which runs. */
  static async load(settings: OnnxRuntimeSettings): Promise<OnnxRuntimeProvider> {
    const logger = new Logger(OnnxRuntimeProvider.name);
    const name = basename(settings.path);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        runtime: require.resolve('onnxruntime-node'),
        path: settings.path,
        input: settings.input,
        output: settings.output,
        device: settings.device,
        intraOpThreads: settings.intraOpThreads ?? 0,
      },
    });
    const ready = await new Promise<Ready>((resolve, reject) => {
      const fail = (message: string) =>
        reject(
          new InferenceError(
            InferenceErrorCode.ProviderUnavailable,
            `ONNX model ${name} could not be loaded: ${message}`,
            {
              provider: 'onnx',
            },
          ),
        );
      worker.once('message', (message: Ready | { type: 'failed'; message: string }) =>
        message.type === 'ready' ? resolve(message) : fail(message.message),
      );
      worker.once('error', (error) => fail(error.message));
    });
    if (ready.cudaError) logger.warn(`CUDA execution provider unavailable for ${name} (${ready.cudaError}); using CPU`);
    for (const [role, wanted, names] of [
      ['input', settings.input, ready.inputs.map((input) => input.name)],
      ['output', settings.output, ready.outputs],
    ] as const) {
      if (!names.includes(wanted)) {
        await worker.terminate();
        throw new InferenceError(
          InferenceErrorCode.InvalidInput,
          `ONNX model ${name} has no ${role} '${wanted}' (it has ${names.join(', ')})`,
          { provider: 'onnx' },
        );
      }
    }
    const shape = ready.inputs.find((input) => input.name === settings.input)?.shape ?? [];
    const last = shape[shape.length - 1];
    logger.log(`${name} runs on ONNX Runtime (${ready.device})`);
    return new OnnxRuntimeProvider(
      worker,
      settings,
      ready.device,
      typeof last === 'number' && last > 0 ? last : undefined,
    );
  }

  get describe(): string {
    return `onnx ${basename(this.settings.path)} (${this.device})`;
  }

  infer(inputs: ModelInput[]): Promise<ModelOutput[]> {
    if (inputs.length === 0) return Promise.resolve([]);
    const invalid = (message: string) =>
      Promise.reject(new InferenceError(InferenceErrorCode.InvalidInput, message, { provider: 'onnx' }));
    const first = inputs[0];
    if (typeof first === 'string') return invalid('onnx models take numeric rows');
    const width = first.length;
    if (this.inputWidth !== undefined && width !== this.inputWidth) {
      return invalid(`onnx ${basename(this.settings.path)} expects ${this.inputWidth} features, got ${width}`);
    }
    const data = new Float32Array(inputs.length * width);
    for (let row = 0; row < inputs.length; row++) {
      const values = inputs[row];
      if (typeof values === 'string' || values.length !== width) return invalid('rows of a batch differ in width');
      data.set(values, row * width);
    }
    if (this.closed) {
      return Promise.reject(
        new InferenceError(InferenceErrorCode.Closed, 'the ONNX provider is closed', { provider: 'onnx' }),
      );
    }
    const id = ++this.sequence;
    return new Promise<number[][]>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject, rows: inputs.length });
      this.worker.postMessage({ id, data, dims: [inputs.length, width] }, [data.buffer]);
    });
  }

  async ready(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.ref();
    this.worker.postMessage({ type: 'close' });
    const timer = setTimeout(() => void this.worker.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }

  private settle(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if ('error' in reply) {
      this.logger.warn(`ONNX Runtime run failed: ${reply.error}`);
      waiting.reject(
        new InferenceError(InferenceErrorCode.InvalidInput, `ONNX Runtime rejected the batch: ${reply.error}`, {
          provider: 'onnx',
        }),
      );
      return;
    }
    const per = reply.data.length / waiting.rows;
    const rows: number[][] = [];
    for (let row = 0; row < waiting.rows; row++) rows.push(Array.from(reply.data.subarray(row * per, (row + 1) * per)));
    waiting.resolve(rows);
  }

  private failAll(message: string): void {
    const error = new InferenceError(InferenceErrorCode.ProviderUnavailable, message, { provider: 'onnx' });
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    this.closed = true;
  }
}
