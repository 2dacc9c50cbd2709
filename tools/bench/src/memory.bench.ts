import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchRow } from './report';

const CHILD = fileURLToPath(new URL('./memory-child.bench.ts', import.meta.url));
/** Measured, not extrapolated: 10,000 warm series (~100 s of feeding on an idle 2-core machine). */
const MEASURED_SERIES = 10_000;
const SAMPLES = 288;

/**
 * Forecaster memory: SeriesForecaster state per series at 24 h × 5-min samples of real CPU
 * recordings, measured in a fresh process after a forced GC over 10,000 series. 100,000
 * would take ~17 minutes of feeding here, past the bench's budget: its figure is the
 * 10,000 one times ten, and says so.
 */
export async function memoryScenario(rows: BenchRow[], log: (line: string) => void) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', CHILD, String(MEASURED_SERIES), String(SAMPLES)],
    {
      maxBuffer: 1 << 20,
    },
  );
  const m = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    heapBytesPerSeries: number;
    arrayBufferBytesPerSeries: number;
    stateBytesPerSeries: number;
    rssBytesPerSeries: number;
    rssMiB: number;
    feedMsPerSeries: number;
    addForecastCpuUs: number;
    addForecastWallUs: number;
    addForecastCpuUsPasses: number[];
  };
  log(`memory: ${JSON.stringify(m)}`);
  const scenario = `4 forecaster memory, ${MEASURED_SERIES.toLocaleString('en-US')} real series × 24 h of 5-min samples (measured)`;
  rows.push({
    scenario,
    measure: 'state per series (heap + typed arrays)',
    value: m.stateBytesPerSeries / 1024,
    unit: 'KiB',
    limit: 10,
    limitLabel: 'target',
  });
  rows.push({ scenario, measure: 'of which V8 heap per series', value: m.heapBytesPerSeries / 1024, unit: 'KiB' });
  rows.push({
    scenario,
    measure: 'of which typed arrays per series',
    value: m.arrayBufferBytesPerSeries / 1024,
    unit: 'KiB',
  });
  rows.push({ scenario, measure: 'RSS growth per series', value: m.rssBytesPerSeries / 1024, unit: 'KiB' });
  rows.push({
    scenario,
    measure: `process RSS with ${MEASURED_SERIES.toLocaleString('en-US')} series`,
    value: m.rssMiB,
    unit: 'MiB',
  });
  rows.push({
    scenario,
    measure: 'state at 100,000 series',
    value: (m.stateBytesPerSeries * 100_000) / 2 ** 20,
    unit: 'MiB',
    limit: 1024,
    limitLabel: 'target (1 GB)',
    note: `not measured: feeding 100,000 series takes ~${Math.round((m.feedMsPerSeries * 100_000) / 60_000)} min here; 10,000 × 10`,
  });
  rows.push({
    scenario,
    measure: 'add() of one sample, full window (mean while feeding)',
    value: m.feedMsPerSeries / SAMPLES,
    unit: 'ms',
  });
  rows.push({
    scenario,
    measure: 'add + forecast on a warm 288-sample series, mean CPU time (median of 5 passes over 1,000 series)',
    value: m.addForecastCpuUs,
    unit: 'µs',
    limit: 50,
    limitLabel: 'target',
    note: `wall ${m.addForecastWallUs.toFixed(0)} µs; passes ${m.addForecastCpuUsPasses.join(', ')} µs`,
  });
}
