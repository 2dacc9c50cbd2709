import { apiScenario } from './api.bench';
import { freshnessScenario } from './freshness.bench';
import type { Limits } from './limits.bench';
import { memoryScenario } from './memory.bench';
import { pipelineScenario } from './pipeline.bench';
import type { BenchRow } from './report';
import { startupScenario } from './startup.bench';

export type ScenarioContext = {
  limits: Limits;
  partitions: number[];
  only: Set<string> | null;
  rows: BenchRow[];
  log: (line: string) => void;
};

/** Every scenario in order, each against the limits measured at the start of the run. */
export async function runScenarios(ctx: ScenarioContext) {
  const { limits, rows, log } = ctx;
  const wanted = (name: string) => !ctx.only || ctx.only.has(name);
  rows.push(
    { scenario: '1 limits (same run)', measure: 'JetStream acked publish, dedupe ids, 256 in flight', value: limits.publishPerSec, unit: 'msg/s' },
    { scenario: '1 limits (same run)', measure: 'durable pull consume + ack', value: limits.consumePerSec, unit: 'msg/s' },
    { scenario: '1 limits (same run)', measure: 'PostgreSQL 1,000-row batched insert (metrics shape)', value: limits.insertRowsPerSec, unit: 'rows/s' },
  );
  log(`limits: ${JSON.stringify(limits)}`);
  if (wanted('pipeline')) {
    // Both sizes on one forecaster; the scaling curve on the larger one.
    await pipelineScenario({ resources: 1_000, partitions: 1 }, limits, rows, log);
    for (const partitions of ctx.partitions) await pipelineScenario({ resources: 10_000, partitions }, limits, rows, log);
  }
  if (wanted('freshness')) await freshnessScenario(rows, log);
  if (wanted('memory')) await memoryScenario(rows, log);
  if (wanted('api')) await apiScenario(rows, log);
  if (wanted('startup')) await startupScenario(rows, log);
}
