import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnrichableRecord } from '@trestle/inference';

export const MODELS_DIR = join(__dirname, '..', '..', 'libs', 'inference', 'models');
export const MODELS_FILE = join(MODELS_DIR, 'models.yaml');
export const ORDER_ANOMALY_ONNX = join(MODELS_DIR, 'order-anomaly-1.onnx');

/** Written by scripts/build-order-anomaly-model.py: canonical orders, numpy's features and numpy's scores. */
export interface TestVectors {
  model: string;
  version: string;
  features: string[];
  tolerance: number;
  cases: { record: EnrichableRecord; features: number[]; score: number }[];
}

export const VECTORS = JSON.parse(
  readFileSync(join(MODELS_DIR, 'order-anomaly-1.test-vectors.json'), 'utf8'),
) as TestVectors;

export const FEATURE_WIDTH = VECTORS.features.length;
