import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchRow } from './report';

const CHILD = fileURLToPath(new URL('./memory-child.bench.ts', import.meta.url));
/** Feeding one series its 288 samples costs ~0.1–0.4 s here; 10,000 would take most of an hour. */
const MEASURED_SERIES = 100;
const SAMPLES = 288;

/**
 * Forecaster memory: SeriesForecaster state per series at 24 h × 5-min samples, measured in
 * a fresh process after a forced GC over MEASURED_SERIES series, and extrapolated linearly
 * to 10,000 and 100,000 series (per-series state does not share anything).
 */
export async function memoryScenario(rows: BenchRow[], log: (line: string) => void) {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, String(MEASURED_SERIES), String(SAMPLES)]);
  const m = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { stateBytesPerSeries: number; rssBytesPerSeries: number; feedMsPerSeries: number };
  log(`memory: ${JSON.stringify(m)}`);
  const scenario = `4 forecaster memory, 24 h × 5-min (measured on ${MEASURED_SERIES} series, extrapolated)`;
  rows.push({ scenario, measure: 'state per series (heap + typed arrays)', value: m.stateBytesPerSeries / 1024, unit: 'KiB', limit: 10, limitLabel: 'target' });
  for (const series of [10_000, 100_000]) {
    rows.push({
      scenario,
      measure: `state at ${series.toLocaleString('en-US')} series`,
      value: (m.stateBytesPerSeries * series) / 2 ** 20,
      unit: 'MiB',
      limit: series === 100_000 ? 1024 : undefined,
      limitLabel: series === 100_000 ? 'target (1 GB)' : undefined,
    });
  }
  rows.push({ scenario, measure: 'add() of one sample, full window (mean)', value: m.feedMsPerSeries / SAMPLES, unit: 'ms' });
}
