import { MicroBatcher, ModelInput, ModelOutput, OnnxRuntimeProvider } from '@trestle/inference';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Micro-batched vs one-at-a-time inference on the shipped order-anomaly model, CPU ONNX provider,
 * 16 closed-loop callers, same process, alternating rounds. Targets: batched throughput >= 1.5x
 * one-at-a-time, batched p95 latency <= 1.2x one-at-a-time p95. A missed target exits non-zero.
 *
 *   node -r @swc-node/register bench/inference-batching.bench.ts [--smoke]
 */
const SMOKE = process.argv.includes('--smoke');
const CONCURRENCY = 16;
const ROUND_MS = SMOKE ? 1_000 : 4_000;
const ROUNDS = SMOKE ? 1 : 3;
const WARMUP_MS = SMOKE ? 300 : 1_000;
const BATCHING = { maxBatch: 16, maxWaitMs: 2, maxConcurrent: 1, maxQueued: 10_000 };
const TARGET_RATIO = 1.5;
const TARGET_P95 = 1.2;

const MODELS = join(__dirname, '..', 'libs', 'inference', 'models');
const vectors = JSON.parse(readFileSync(join(MODELS, 'order-anomaly-1.test-vectors.json'), 'utf8')) as {
  cases: { features: number[] }[];
};
const inputs = vectors.cases.map((c) => c.features);

interface Round {
  completed: number;
  elapsedMs: number;
  latencies: number[];
}

async function drive(call: (input: ModelInput) => Promise<ModelOutput>, durationMs: number): Promise<Round> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      for (let n = worker; performance.now() < deadline; n += CONCURRENCY) {
        const sent = performance.now();
        await call(inputs[n % inputs.length]);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return { completed: latencies.length, elapsedMs: performance.now() - started, latencies };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summarize(rounds: Round[]) {
  const throughputs = rounds.map((r) => (r.completed / r.elapsedMs) * 1000).sort((a, b) => a - b);
  const latencies = rounds.flatMap((r) => r.latencies);
  return {
    throughput: throughputs[Math.floor(throughputs.length / 2)],
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    requests: latencies.length,
  };
}

async function main(): Promise<void> {
  const provider = await OnnxRuntimeProvider.load({
    path: join(MODELS, 'order-anomaly-1.onnx'),
    input: 'features',
    output: 'anomaly_score',
    device: 'cpu',
  });
  const calls: number[] = [];
  const batcher = new MicroBatcher<ModelInput, ModelOutput>((batch) => {
    calls.push(batch.length);
    return provider.infer(batch);
  }, BATCHING);
  const single = async (input: ModelInput) => (await provider.infer([input]))[0];
  const batched = (input: ModelInput) => batcher.submit(input);

  try {
    await drive(single, WARMUP_MS);
    await drive(batched, WARMUP_MS);
    calls.length = 0;
    const rounds = { single: [] as Round[], batched: [] as Round[] };
    for (let round = 0; round < ROUNDS; round++) {
      rounds.single.push(await drive(single, ROUND_MS));
      rounds.batched.push(await drive(batched, ROUND_MS));
    }
    const one = summarize(rounds.single);
    const many = summarize(rounds.batched);
    const ratio = many.throughput / one.throughput;
    const p95Ratio = many.p95 / one.p95;
    const meanBatch = calls.reduce((a, b) => a + b, 0) / Math.max(calls.length, 1);

    console.log(
      `\nInference micro-batching, order-anomaly on ONNX Runtime (${provider.device})${SMOKE ? ' (smoke)' : ''}`,
    );
    console.log(
      `  concurrency ${CONCURRENCY}, ${ROUNDS} x ${ROUND_MS} ms per mode, batching ${JSON.stringify(BATCHING)}`,
    );
    const row = (name: string, s: ReturnType<typeof summarize>) =>
      console.log(
        `  ${name.padEnd(16)} ${s.throughput.toFixed(0).padStart(8)} req/s   p50 ${s.p50.toFixed(3)} ms   p95 ${s.p95.toFixed(3)} ms   (${s.requests} requests)`,
      );
    row('one-at-a-time', one);
    row('micro-batched', many);
    console.log(`  mean batch size  ${meanBatch.toFixed(1)} over ${calls.length} provider calls`);
    const checks = [
      {
        name: 'throughput batched / one-at-a-time',
        value: ratio,
        target: `>= ${TARGET_RATIO}`,
        pass: ratio >= TARGET_RATIO,
      },
      {
        name: 'p95 batched / one-at-a-time',
        value: p95Ratio,
        target: `<= ${TARGET_P95}`,
        pass: p95Ratio <= TARGET_P95,
      },
    ];
    for (const check of checks) {
      console.log(
        `  ${check.pass ? 'PASS' : 'FAIL'} ${check.name.padEnd(36)} ${check.value.toFixed(2)}x (target ${check.target})`,
      );
    }
    if (checks.some((check) => !check.pass)) process.exitCode = 1;
  } finally {
    await batcher.close();
    await provider.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
