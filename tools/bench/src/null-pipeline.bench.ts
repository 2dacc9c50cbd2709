import { consumeBatches, createJetStream } from '@autoscale/bus';
import { metricSampledEvent } from '@autoscale/contracts';
import type { MetricSampled } from '@autoscale/contracts';
import { createCounters, createLogger } from '@autoscale/observability';
import { drained } from './consumers.bench';
import { benchEnvironment } from './environment.bench';
import type { BenchEnvironment } from './environment.bench';
import { DRAIN_TIMEOUT_MS, pushRounds } from './pipeline.bench';
import type { PipelineRun } from './pipeline.bench';
import type { BenchRow } from './report';
import { waitUntil } from './stats';

/** The rows the gateway would store, inserted as one multi-row statement into a table shaped like `metrics`. */
async function insertRows(env: BenchEnvironment, events: readonly MetricSampled[]) {
  await env.sql`
    insert into null_metrics (resource_id, ts, provider, cpu, mem)
    select id, t::timestamptz, p, c, m
    from unnest(${events.map((e) => e.resourceId)}::text[], ${events.map((e) => e.ts)}::text[], ${events.map((e) => e.provider)}::text[],
      ${events.map((e) => e.metrics.cpu ?? null)}::float8[], ${events.map((e) => e.metrics.mem ?? null)}::float8[]) as u(id, t, p, c, m)
    on conflict do nothing`;
}

async function insertedRows(env: BenchEnvironment): Promise<number> {
  const [row] = await env.sql<Array<{ n: number }>>`select count(*)::int as n from null_metrics`;
  return row?.n ?? 0;
}

/**
 * The pipeline's own floor: the same streams, subjects, durables, batch pulls and acks as the
 * product, with handlers that do nothing (the forecaster partitions) or only batch-insert the
 * same rows (the gateway's metrics durable), fed the same rounds. What the product does on
 * top of this is its own cost; `rate` is samples/s from the first publish to the last row.
 */
export async function nullPipelineScenario(
  run: PipelineRun,
  rows: BenchRow[],
  log: (line: string) => void,
): Promise<number> {
  const env = await benchEnvironment({ partitions: run.partitions });
  const js = createJetStream(env.bus.nc);
  const common = {
    nc: env.bus.nc,
    js,
    names: env.bus.names,
    event: metricSampledEvent,
    log: createLogger('null-pipeline', 'warn'),
    counters: createCounters(),
  };
  const names = env.bus.names;
  const forecasterDurables = Array.from({ length: names.partitions }, (_, p) => names.durables.forecaster(p));
  await env.sql`create table null_metrics (like metrics including all)`;
  const loops = await Promise.all([
    ...forecasterDurables.map((durable) => consumeBatches({ ...common, durable, handler: async () => undefined })),
    consumeBatches({
      ...common,
      durable: names.durables.gatewayMetrics,
      handler: (batch) =>
        insertRows(
          env,
          batch.map((d) => d.event),
        ),
    }),
  ]);
  try {
    const { started, total, publishedAt } = await pushRounds(env, run.resources, run.sustainMs);
    let finished = true;
    await waitUntil(
      'every sample inserted and acked',
      async () =>
        (await insertedRows(env)) >= total &&
        (
          await Promise.all(
            [...forecasterDurables, names.durables.gatewayMetrics].map((d) => drained(env, names.streams.metrics, d)),
          )
        ).every(Boolean),
      DRAIN_TIMEOUT_MS,
      250,
    ).catch(() => (finished = false));
    const seconds = (performance.now() - started) / 1000;
    const inserted = await insertedRows(env);
    const rate = inserted / seconds;
    log(
      `null pipeline R=${run.resources} p=${run.partitions}: ${inserted}/${total} rows in ${seconds.toFixed(1)} s (publishing took ${((publishedAt - started) / 1000).toFixed(1)} s)`,
    );
    rows.push({
      scenario: `2 null pipeline, R = ${run.resources.toLocaleString('en-US')}, ${run.partitions} partition${run.partitions > 1 ? 's' : ''}`,
      measure: `samples/s through the same streams, durables and acks, handlers doing nothing but the batch insert (${total.toLocaleString('en-US')} samples)`,
      value: rate,
      unit: 'samples/s',
      note: finished ? undefined : `not drained ${DRAIN_TIMEOUT_MS / 1000} s after the last publish`,
    });
    return rate;
  } finally {
    await Promise.all(loops.map((loop) => loop.stop()));
    await env.close();
  }
}
