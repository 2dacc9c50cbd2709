import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureLimits } from './limits.bench';
import { markdownTable, writeResults } from './report';
import type { BenchRow } from './report';
import { MACHINES } from './fleet.bench';
import { MEASURED_SERIES } from './memory.bench';
import { SUSTAIN_MS } from './pipeline.bench';
import { runScenarios } from './scenarios.bench';
import { serviceNodeArgs } from './services.bench';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    partitions: { type: 'string', default: '1,2,4' },
    // Shorter runs to iterate with; the defaults are what the bench reports.
    sustain: { type: 'string', default: String(SUSTAIN_MS / 1000) },
    machines: { type: 'string', default: String(MACHINES) },
    // Series fed in the memory scenario; 100000 measures the large fleet instead of scaling.
    series: { type: 'string', default: String(MEASURED_SERIES) },
    'skip-small': { type: 'boolean', default: false },
    // Each built service writes a V8 CPU profile (.cpuprofile) here when it exits.
    profile: { type: 'string' },
    out: { type: 'string', default: fileURLToPath(new URL('../../../bench/results.json', import.meta.url)) },
  },
});

const only = values.only ? new Set(values.only.split(',')) : null;
const partitions = values.partitions.split(',').map(Number);
if (values.profile) serviceNodeArgs.push('--cpu-prof', `--cpu-prof-dir=${values.profile}`);
const started = Date.now();
const rows: BenchRow[] = [];
const limits = await measureLimits();
await runScenarios({
  limits,
  partitions,
  only,
  sustainMs: Number(values.sustain) * 1000,
  machines: Number(values.machines),
  series: Number(values.series),
  skipSmall: values['skip-small'],
  rows,
  log: (line) => console.error(line),
});

console.log(markdownTable(rows));
await writeResults(values.out, rows, {
  startedAt: new Date(started).toISOString(),
  seconds: Math.round((Date.now() - started) / 1000),
  partitions,
  limits,
});
console.error(`bench: ${Math.round((Date.now() - started) / 1000)} s; results in ${values.out}`);
process.exit(0);
