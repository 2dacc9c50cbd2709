import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureLimits } from './limits.bench';
import { markdownTable, writeResults } from './report';
import type { BenchRow } from './report';
import { runScenarios } from './scenarios.bench';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    partitions: { type: 'string', default: '1,2,4' },
    out: { type: 'string', default: fileURLToPath(new URL('../../../bench/results.json', import.meta.url)) },
  },
});

const only = values.only ? new Set(values.only.split(',')) : null;
const partitions = values.partitions.split(',').map(Number);
const started = Date.now();
const rows: BenchRow[] = [];
const limits = await measureLimits();
await runScenarios({ limits, partitions, only, rows, log: (line) => console.error(line) });

console.log(markdownTable(rows));
await writeResults(values.out, rows, {
  startedAt: new Date(started).toISOString(),
  seconds: Math.round((Date.now() - started) / 1000),
  partitions,
  limits,
});
console.error(`bench: ${Math.round((Date.now() - started) / 1000)} s; results in ${values.out}`);
process.exit(0);
