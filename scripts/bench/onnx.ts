/**
 * Bench for chapter 1's ONNX path: encoding a penguin-sized model (4 features, 3 classes) and its
 * size, summarizing it with the decoder, creating an onnxruntime-web session (wasm, one thread,
 * in Node), a warm single-row run (p50/p95), a 10 000-row batch run and the same batch through a
 * plain TypeScript forward pass, for the ratio DESIGN.md asks for. Also the pickle disassembler
 * on the class-instance sample. Run alone with `npx tsx scripts/bench/onnx.ts`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { SoftmaxModel } from '../../src/lib/model/types';
import { decodeOnnx } from '../../src/lib/onnx/decode';
import { encodeSoftmaxModel } from '../../src/lib/onnx/encode';
import { disassemblePickle } from '../../src/lib/pickle/disassemble';
import { nodeOrtLoader } from '../../src/lib/runtime/ort-node';
import { createSession } from '../../src/lib/runtime/ort';
import { createRng } from '../../src/lib/sim/rng';
import { handMadePenguinModel } from '../../src/lib/model/fixtures';
import { SOFTMAX_TENSOR_NAMES } from '../../src/lib/onnx/contract';
import { quantileSorted } from '../../src/lib/stats/quantile';

const round = (ms: number) => Number(ms.toFixed(4));

async function timeMany(task: () => unknown, warmup: number, samples: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await task();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

function benchModel(): SoftmaxModel {
  return handMadePenguinModel({ version: 'bench' });
}

/** The same forward pass in plain TypeScript over a flat row-major batch (the ratio's baseline). */
function forwardTs(model: SoftmaxModel, data: Float32Array, rows: number): Float32Array {
  const f = model.mean.length;
  const c = model.bias.length;
  const out = new Float32Array(rows * c);
  const z = new Float64Array(f);
  const logits = new Float64Array(c);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < f; j++) z[j] = (data[r * f + j]! - model.mean[j]!) / model.std[j]!;
    let max = -Infinity;
    for (let k = 0; k < c; k++) {
      let sum = model.bias[k]!;
      for (let j = 0; j < f; j++) sum += z[j]! * model.weights[j]![k]!;
      logits[k] = sum;
      if (sum > max) max = sum;
    }
    let total = 0;
    for (let k = 0; k < c; k++) {
      logits[k] = Math.exp(logits[k]! - max);
      total += logits[k]!;
    }
    for (let k = 0; k < c; k++) out[r * c + k] = logits[k]! / total;
  }
  return out;
}

/** Runs the ONNX benches and returns medians (and p95 where stated) in milliseconds. */
export async function run(): Promise<Record<string, number | string>> {
  const model = benchModel();
  const encodeTimes = await timeMany(() => encodeSoftmaxModel(model), 50, 501);
  const bytes = encodeSoftmaxModel(model);
  const decodeTimes = await timeMany(() => decodeOnnx(bytes), 50, 501);

  const loadStart = performance.now();
  const ort = await nodeOrtLoader().load();
  const loadMs = performance.now() - loadStart;
  const createTimes = await timeMany(() => createSession(ort, bytes), 3, 21);
  const session = await createSession(ort, bytes);

  const rng = createRng(1);
  const batchRows = 10_000;
  const batch = new Float32Array(batchRows * 4);
  for (let r = 0; r < batchRows; r++) {
    for (let j = 0; j < 4; j++)
      batch[r * 4 + j] = model.mean[j]! + model.std[j]! * (rng.next() * 4 - 2);
  }
  const single = new ort.Tensor('float32', batch.slice(0, 4), [1, 4]);
  const singleTimes = await timeMany(
    () => session.run({ [SOFTMAX_TENSOR_NAMES.input]: single }),
    200,
    2001,
  );
  const batchTensor = new ort.Tensor('float32', batch, [batchRows, 4]);
  const batchTimes = await timeMany(
    () => session.run({ [SOFTMAX_TENSOR_NAMES.input]: batchTensor }),
    3,
    21,
  );
  const tsTimes = await timeMany(() => forwardTs(model, batch, batchRows), 3, 21);

  const pickle = new Uint8Array(
    readFileSync(new URL('../../public/samples/class-instance.pkl', import.meta.url)),
  );
  const pickleTimes = await timeMany(() => disassemblePickle(pickle), 50, 501);

  const batchMedian = quantileSorted(batchTimes, 0.5);
  const tsMedian = quantileSorted(tsTimes, 0.5);
  return {
    'onnx.model_bytes': bytes.length,
    'onnx.encode_ms_median': round(quantileSorted(encodeTimes, 0.5)),
    'onnx.decode_summary_ms_median': round(quantileSorted(decodeTimes, 0.5)),
    'onnx.ort_load_ms_cold': round(loadMs),
    'onnx.ort_session_create_ms_median': round(quantileSorted(createTimes, 0.5)),
    'onnx.ort_single_row_ms_p50': round(quantileSorted(singleTimes, 0.5)),
    'onnx.ort_single_row_ms_p95': round(quantileSorted(singleTimes, 0.95)),
    'onnx.ort_batch_10k_ms_median': round(batchMedian),
    'onnx.ts_forward_batch_10k_ms_median': round(tsMedian),
    'onnx.ort_over_ts_batch_10k_ratio': Number((batchMedian / tsMedian).toFixed(2)),
    'pickle.disassemble_class_instance_ms_median': round(quantileSorted(pickleTimes, 0.5)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await run());
}
