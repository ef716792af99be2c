import { Logger } from '@nestjs/common';
import { basename } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { InferenceError, InferenceErrorCode } from '../inference-error';
import type { InferenceProvider, ModelInput, ModelOutput } from './inference-provider';

export type InferenceDevice = 'cpu' | 'cuda';

export interface OnnxRuntimeSettings {
  path: string;
  input: string;
  output: string;
  device: InferenceDevice;
  /** Threads of one session's operators; 0 lets ONNX Runtime choose. */
  intraOpThreads?: number;
}

/** An ONNX model run in-process by ONNX Runtime: CUDA when asked for and available, CPU otherwise. */
export class OnnxRuntimeProvider implements InferenceProvider {
  readonly kind = 'onnx' as const;
  private readonly logger = new Logger(OnnxRuntimeProvider.name);

  private constructor(
    private readonly session: InferenceSession,
    private readonly settings: OnnxRuntimeSettings,
    readonly device: InferenceDevice,
    private readonly width: number | undefined,
  ) {}

  /** Loads the model; with `device: 'cuda'` it tries the CUDA execution provider and falls back to CPU, logging which ran. */
  static async load(settings: OnnxRuntimeSettings): Promise<OnnxRuntimeProvider> {
    const logger = new Logger(OnnxRuntimeProvider.name);
    const options: InferenceSession.SessionOptions = {
      graphOptimizationLevel: 'all',
      ...(settings.intraOpThreads ? { intraOpNumThreads: settings.intraOpThreads } : {}),
    };
    let session: InferenceSession | undefined;
    let device: InferenceDevice = 'cpu';
    if (settings.device === 'cuda') {
      try {
        session = await InferenceSession.create(settings.path, { ...options, executionProviders: ['cuda'] });
        device = 'cuda';
      } catch (error) {
        logger.warn(
          `CUDA execution provider unavailable for ${basename(settings.path)} (${firstLine(error)}); using CPU`,
        );
      }
    }
    try {
      session ??= await InferenceSession.create(settings.path, { ...options, executionProviders: ['cpu'] });
    } catch (error) {
      throw new InferenceError(
        InferenceErrorCode.ProviderUnavailable,
        `ONNX model ${basename(settings.path)} could not be loaded: ${firstLine(error)}`,
        { provider: 'onnx', cause: error },
      );
    }
    for (const [role, name, names] of [
      ['input', settings.input, session.inputNames],
      ['output', settings.output, session.outputNames],
    ] as const) {
      if (!names.includes(name)) {
        await session.release();
        throw new InferenceError(
          InferenceErrorCode.InvalidInput,
          `ONNX model ${basename(settings.path)} has no ${role} '${name}' (it has ${names.join(', ')})`,
          { provider: 'onnx' },
        );
      }
    }
    const provider = new OnnxRuntimeProvider(session, settings, device, declaredWidth(session, settings.input));
    logger.log(`${basename(settings.path)} runs on ONNX Runtime (${device})`);
    return provider;
  }

  get describe(): string {
    return `onnx ${basename(this.settings.path)} (${this.device})`;
  }

  get inputWidth(): number | undefined {
    return this.width;
  }

  async infer(inputs: ModelInput[]): Promise<ModelOutput[]> {
    if (inputs.length === 0) return [];
    const first = inputs[0];
    if (typeof first === 'string') {
      throw new InferenceError(InferenceErrorCode.InvalidInput, 'onnx models take numeric rows', { provider: 'onnx' });
    }
    const width = first.length;
    if (this.width !== undefined && width !== this.width) {
      throw new InferenceError(
        InferenceErrorCode.InvalidInput,
        `onnx ${basename(this.settings.path)} expects ${this.width} features, got ${width}`,
        { provider: 'onnx' },
      );
    }
    const data = new Float32Array(inputs.length * width);
    for (let row = 0; row < inputs.length; row++) {
      const values = inputs[row];
      if (typeof values === 'string' || values.length !== width) {
        throw new InferenceError(InferenceErrorCode.InvalidInput, 'rows of a batch differ in width', {
          provider: 'onnx',
        });
      }
      data.set(values, row * width);
    }
    let result: InferenceSession.OnnxValueMapType;
    try {
      result = await this.session.run({ [this.settings.input]: new Tensor('float32', data, [inputs.length, width]) }, [
        this.settings.output,
      ]);
    } catch (error) {
      this.logger.warn(`ONNX Runtime run failed: ${firstLine(error)}`);
      throw new InferenceError(
        InferenceErrorCode.InvalidInput,
        `ONNX Runtime rejected the batch: ${firstLine(error)}`,
        {
          provider: 'onnx',
          cause: error,
        },
      );
    }
    const output = result[this.settings.output] as Tensor;
    const values = output.data as Float32Array | Float64Array | Int32Array;
    const per = values.length / inputs.length;
    const rows: number[][] = [];
    for (let row = 0; row < inputs.length; row++) {
      rows.push(Array.from(values.subarray(row * per, (row + 1) * per)));
    }
    return rows;
  }

  async ready(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

function declaredWidth(session: InferenceSession, input: string): number | undefined {
  const metadata = session.inputMetadata.find((entry) => entry.name === input);
  const shape = metadata?.isTensor ? metadata.shape : [];
  const last = shape[shape.length - 1];
  return typeof last === 'number' && last > 0 ? last : undefined;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 300);
}
