// Run as its own process with --expose-gc: `node --expose-gc --import tsx memory-child.bench.ts <series> <samples>`.
// Prints one JSON line: heap, typed-array and RSS growth after a forced GC, and how long feeding
// took. The series keep their numbers in typed arrays, whose stores V8 keeps outside the heap
// (`arrayBuffers`, not in `heapUsed`): stateBytesPerSeries counts both.
import { createSeriesForecaster } from '@autoscale/forecasting';

const series = Number(process.argv[2] ?? 100);
const samples = Number(process.argv[3] ?? 288);
const FIVE_MIN = 300_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

gc();
const before = process.memoryUsage();
const started = performance.now();
const kept = [];
for (let s = 0; s < series; s++) {
  const forecaster = createSeriesForecaster();
  for (let i = 0; i < samples; i++) {
    forecaster.add({ t: i * FIVE_MIN, value: 50 + 20 * Math.sin((i + s) / 24) + ((i * 7919 + s) % 10) / 2 });
  }
  kept.push(forecaster);
}
const feedMs = performance.now() - started;
gc();
const after = process.memoryUsage();
console.log(
  JSON.stringify({
    series: kept.length,
    samples,
    heapBytesPerSeries: (after.heapUsed - before.heapUsed) / series,
    arrayBufferBytesPerSeries: (after.arrayBuffers - before.arrayBuffers) / series,
    stateBytesPerSeries: (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / series,
    rssBytesPerSeries: (after.rss - before.rss) / series,
    rssMiB: after.rss / 2 ** 20,
    feedMsPerSeries: feedMs / series,
  }),
);
