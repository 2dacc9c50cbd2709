import { fileURLToPath } from 'node:url';
import { drained, handledMessages } from './consumers.bench';
import { startCpuMeter } from './cpu.bench';
import { benchEnvironment } from './environment.bench';
import type { BenchEnvironment } from './environment.bench';
import { DRAIN_TIMEOUT_MS, pushRounds } from './pipeline.bench';
import type { PipelineRun } from './pipeline.bench';
import type { BenchRow } from './report';
import { logTails, startProcess, stopBuilt } from './services.bench';
import type { BenchService } from './services.bench';
import { waitUntil } from './stats';

const NULL_SERVICES = fileURLToPath(new URL('./null-services.bench.ts', import.meta.url));

async function count(env: BenchEnvironment, table: 'null_metrics' | 'null_forecasts'): Promise<number> {
  const [row] = await env.sql<Array<{ n: number }>>`select count(*)::int as n from ${env.sql(table)}`;
  return row?.n ?? 0;
}

/** A null service (see null-services.bench.ts) in a process of its own, once its durables are bound. */
async function startNull(role: 'forecaster' | 'gateway', env: BenchEnvironment): Promise<BenchService> {
  const service = startProcess(`null-${role}`, ['--import', 'tsx', NULL_SERVICES, role], env);
  await waitUntil(`the null ${role} ready`, async () => service.log.join('').includes(`null ${role} ready`), 60_000);
  return service;
}

/**
 * The pipeline's own floor: the same processes, streams, subjects, durables, partition
 * leases, batch pulls and acks as the pipeline scenario, with handlers that do nothing but
 * what the product's must (null-services.bench.ts): the forecaster publishes one ready-made
 * `forecast.updated` per sample (as many as the product's, through the same typed publish)
 * before acking, and the gateway batch-inserts the same sample and forecast rows. Fed the same
 * rounds and counted as the pipeline is: samples/s from the first publish until every sample
 * is a row and acked by its forecaster.
 */
export async function nullPipelineScenario(
  run: PipelineRun,
  rows: BenchRow[],
  log: (line: string) => void,
): Promise<number> {
  const env = await benchEnvironment({ partitions: run.partitions });
  await env.sql`create table null_metrics (like metrics including all)`;
  await env.sql`create table null_forecasts (like forecasts including defaults)`;
  const services = await Promise.all([startNull('gateway', env), startNull('forecaster', env)]);
  const names = env.bus.names;
  const forecasterDurables = Array.from({ length: names.partitions }, (_, p) => names.durables.forecaster(p));
  try {
    const cpu = startCpuMeter(Object.fromEntries(services.map((s) => [s.name, s.child.pid])));
    const { started, total, publishedAt } = await pushRounds(env, run.resources, run.sustainMs);
    let finished = true;
    // Ends as the pipeline scenario does: every sample a row, acked by its forecaster and the gateway.
    await waitUntil(
      'every sample inserted and forecast',
      async () =>
        (await count(env, 'null_metrics')) >= total &&
        (
          await Promise.all(
            [...forecasterDurables, names.durables.gatewayMetrics].map((d) => drained(env, names.streams.metrics, d)),
          )
        ).every(Boolean),
      DRAIN_TIMEOUT_MS,
      250,
    ).catch(() => {
      finished = false;
      logTails(services, log);
    });
    const seconds = (performance.now() - started) / 1000;
    const inserted = await count(env, 'null_metrics');
    const forecasts = await count(env, 'null_forecasts');
    const forecastedSamples = await handledMessages(env, names.streams.metrics, forecasterDurables, total);
    // Counted as the pipeline's: a sample once it is both a row and acked by its forecaster.
    const rate = Math.min(inserted, forecastedSamples) / seconds;
    const cpuUse = cpu.summary();
    log(
      `null pipeline R=${run.resources} p=${run.partitions}: ${inserted}/${total} rows and ${forecasts} forecasts in ${seconds.toFixed(1)} s (publishing took ${((publishedAt - started) / 1000).toFixed(1)} s); ${cpuUse}`,
    );
    rows.push({
      scenario: `2 null pipeline, R = ${run.resources.toLocaleString('en-US')}, ${run.partitions} partition${run.partitions > 1 ? 's' : ''}`,
      measure: `samples/s through the same processes, streams, durables and acks, handlers doing nothing but publishing a ready-made forecast per sample and the batch inserts (${total.toLocaleString('en-US')} samples, ${forecasts.toLocaleString('en-US')} forecasts)`,
      value: rate,
      unit: 'samples/s',
      note: finished
        ? cpuUse
        : `not drained ${DRAIN_TIMEOUT_MS / 1000} s after the last publish: ${inserted} of ${total} inserted, ${forecastedSamples} forecast; ${cpuUse}`,
    });
    return rate;
  } finally {
    await stopBuilt(services);
    await env.close();
  }
}
