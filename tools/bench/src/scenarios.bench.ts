import { apiScenario } from './api.bench';
import { freshnessScenario } from './freshness.bench';
import type { Limits } from './limits.bench';
import { memoryScenario } from './memory.bench';
import { fleetScenario } from './fleet.bench';
import { nullPipelineScenario } from './null-pipeline.bench';
import { pipelineScenario } from './pipeline.bench';
import type { BenchRow } from './report';
import { startupScenario } from './startup.bench';

export type ScenarioContext = {
  limits: Limits;
  partitions: number[];
  only: Set<string> | null;
  /** How long the pipelines are fed (60 s unless iterating). */
  sustainMs: number;
  /** Leaves out the pipeline at R = 1,000 (to iterate on the R = 10,000 comparison). */
  skipSmall: boolean;
  /** Machines the fleet replays (10,000 unless iterating). */
  machines: number;
  /** Series fed in the memory scenario. */
  series: number;
  rows: BenchRow[];
  log: (line: string) => void;
};

/** Every scenario in order, each against the limits measured at the start of the run. */
export async function runScenarios(ctx: ScenarioContext) {
  const { limits, rows, log, sustainMs } = ctx;
  const wanted = (name: string) => !ctx.only || ctx.only.has(name);
  rows.push(
    {
      scenario: '1 limits (same run)',
      measure: 'JetStream acked publish, dedupe ids, 256 in flight',
      value: limits.publishPerSec,
      unit: 'msg/s',
    },
    {
      scenario: '1 limits (same run)',
      measure: 'durable pull consume + ack',
      value: limits.consumePerSec,
      unit: 'msg/s',
    },
    {
      scenario: '1 limits (same run)',
      measure: 'PostgreSQL 1,000-row batched insert (metrics shape)',
      value: limits.insertRowsPerSec,
      unit: 'rows/s',
    },
  );
  log(`limits: ${JSON.stringify(limits)}`);
  let sustained: number | undefined;
  if (wanted('pipeline')) {
    // The floor first, then both sizes on one forecaster; the scaling curve on the larger one.
    const floor = await nullPipelineScenario({ resources: 10_000, partitions: 1, sustainMs }, rows, log);
    if (!ctx.skipSmall) await pipelineScenario({ resources: 1_000, partitions: 1, sustainMs }, limits, rows, log);
    for (const partitions of ctx.partitions) {
      const rate = await pipelineScenario({ resources: 10_000, partitions, sustainMs }, limits, rows, log);
      if (partitions === 1) {
        sustained = rate;
        rows.push({
          scenario: '2 pipeline vs its null pipeline (same run)',
          measure: 'R = 10,000, 1 forecaster: the product’s rate as a share of the null pipeline’s',
          value: rate,
          unit: 'samples/s',
          limit: floor,
          limitLabel: 'null pipeline; target ≥ 60 %',
        });
      }
    }
  }
  if (wanted('fleet')) await fleetScenario({ sustained, machines: ctx.machines, rows, log });
  if (wanted('freshness')) await freshnessScenario(rows, log);
  if (wanted('memory')) await memoryScenario(rows, log, ctx.series);
  if (wanted('api')) await apiScenario(rows, log);
  if (wanted('startup')) await startupScenario(rows, log);
}
