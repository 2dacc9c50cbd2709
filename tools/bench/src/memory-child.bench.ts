// Run as its own process with --expose-gc: `node --expose-gc --import tsx memory-child.bench.ts <series> <samples>`.
// Feeds <series> forecasters <samples> real 5-minute CPU samples each (the PlanetLab VM-days in
// data/planetlab, reused round-robin, each reuse shifted), then prints one JSON line: heap,
// typed-array and RSS growth after a forced GC, and how long feeding took. The series keep
// their numbers in typed arrays, whose stores V8 keeps outside the heap (`arrayBuffers`, not in
// `heapUsed`): stateBytesPerSeries counts both.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSeriesForecaster } from '@autoscale/forecasting';

const series = Number(process.argv[2] ?? 100);
const samples = Number(process.argv[3] ?? 288);
const FIVE_MIN = 300_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const DATA = fileURLToPath(new URL('../../../data/planetlab/', import.meta.url));
const recordings = readdirSync(DATA)
  .filter((f) => f.endsWith('.csv'))
  .map((f) =>
    readFileSync(`${DATA}${f}`, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[1])),
  )
  .filter((values) => values.length >= 2 && values.every(Number.isFinite));

/** Sample i of series s: its recording (round-robin), shifted by how often it was reused. */
function values(s: number, i: number): number {
  const recording = recordings[s % recordings.length]!;
  return recording[(i + Math.floor(s / recordings.length)) % recording.length]!;
}

gc();
const before = process.memoryUsage();
const started = performance.now();
const kept = [];
for (let s = 0; s < series; s++) {
  const forecaster = createSeriesForecaster();
  for (let i = 0; i < samples; i++) forecaster.add({ t: i * FIVE_MIN, value: values(s, i) });
  kept.push(forecaster);
}
const feedMs = performance.now() - started;
gc();
const after = process.memoryUsage();
// add + forecast on warm series, one sample each: CPU time (this process alone), so a shared
// machine's other load counts less than in wall time. Passes over the same 1,000 series, one
// sample each: two warm the JIT, then the median of five timed ones (on a loaded machine a
// single pass can be twice another).
const rounds = Math.min(kept.length, 1_000);
const WARM_PASSES = 2;
const TIMED_PASSES = 5;
const cpuUs: number[] = [];
const wallUs: number[] = [];
for (let pass = 0; pass < WARM_PASSES + TIMED_PASSES; pass++) {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let k = 0; k < rounds; k++) {
    kept[k]!.add({ t: (samples + pass) * FIVE_MIN, value: values(k, samples + pass) });
    kept[k]!.forecast(90);
  }
  const cpu = process.cpuUsage(cpu0);
  if (pass < WARM_PASSES) continue;
  cpuUs.push((cpu.user + cpu.system) / rounds);
  wallUs.push(((performance.now() - wall0) * 1000) / rounds);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(
  JSON.stringify({
    addForecastCpuUs: median(cpuUs),
    addForecastWallUs: median(wallUs),
    addForecastCpuUsPasses: cpuUs.map((us) => Math.round(us)),
    series: kept.length,
    samples,
    recordings: recordings.length,
    heapBytesPerSeries: (after.heapUsed - before.heapUsed) / series,
    arrayBufferBytesPerSeries: (after.arrayBuffers - before.arrayBuffers) / series,
    stateBytesPerSeries: (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / series,
    rssBytesPerSeries: (after.rss - before.rss) / series,
    rssMiB: after.rss / 2 ** 20,
    feedMsPerSeries: feedMs / series,
  }),
);
