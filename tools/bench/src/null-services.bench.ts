// Run as its own process, as the product's services are: `node --import tsx null-services.bench.ts forecaster|gateway`,
// with NATS_URL, BUS_NAMESPACE, FORECASTER_PARTITIONS and DATABASE_URL set (startProcess sets them).
// The null pipeline's consumers: the product's durables, pulls, acks and writes, without the product's work.
import { consumeBatches, openBus, publishAll } from '@autoscale/bus';
import { forecastUpdatedEvent, LIMITS } from '@autoscale/contracts';
import type { EventDescriptor, ForecastUpdated, MetricSampled } from '@autoscale/contracts';
import { createDatabase } from '@autoscale/db';
import { forecastEvent } from '@autoscale/db/testing';
import { BREACH_PROBABILITY_WITHIN_MIN, DEFAULT_FORECAST_OPTIONS } from '@autoscale/forecasting';
import { createCounters, createLogger } from '@autoscale/observability';
import type { z } from 'zod';

type Sql = ReturnType<typeof createDatabase>['sql'];

/** Chart points and breach probabilities as many as the product's forecast carries, made once. */
const READY_MADE: Partial<ForecastUpdated> = {
  points: Array.from({ length: DEFAULT_FORECAST_OPTIONS.points }, (_, i) => ({
    ts: new Date(Date.UTC(2026, 0, 1) + (i + 1) * 600_000).toISOString(),
    value: 41.234,
    lo: 35.678,
    hi: 46.789,
  })),
  breachProbability: BREACH_PROBABILITY_WITHIN_MIN.map((withinMin) => ({ withinMin, p: 0.012 })),
};

/**
 * A ready-made forecast for every sample from its series' `minSamples`-th on: as many
 * forecasts as the product's forecaster publishes, without a model.
 */
function nullForecasts() {
  const seen = new Map<string, number>();
  return (samples: readonly MetricSampled[]) =>
    samples.flatMap((s) => {
      const n = (seen.get(s.resourceId) ?? 0) + 1;
      seen.set(s.resourceId, n);
      if (n < DEFAULT_FORECAST_OPTIONS.minSamples) return [];
      return [forecastEvent(s.resourceId, s.ts, { ...READY_MADE, samples: n })];
    });
}

/** The rows the gateway would store, inserted as one multi-row statement into a table shaped like `metrics`. */
async function insertSamples(sql: Sql, events: readonly MetricSampled[]) {
  await sql`
    insert into null_metrics (resource_id, ts, provider, cpu, mem)
    select id, t::timestamptz, p, c, m
    from unnest(${events.map((e) => e.resourceId)}::text[], ${events.map((e) => e.ts)}::text[], ${events.map((e) => e.provider)}::text[],
      ${events.map((e) => e.metrics.cpu ?? null)}::float8[], ${events.map((e) => e.metrics.mem ?? null)}::float8[]) as u(id, t, p, c, m)
    on conflict do nothing`;
}

/**
 * The forecast rows the gateway would store, as one JSON parameter as the product writes them,
 * into a table with the columns of `forecasts` and without its key: the product replaces the
 * row of a series with each forecast, the floor appends each row without that rule.
 */
async function insertForecasts(sql: Sql, events: readonly ForecastUpdated[]) {
  const rows = events.map((e) => ({
    resource_id: e.resourceId,
    metric: e.metric,
    generated_at: e.generatedAt,
    model: e.model,
    threshold: e.threshold,
    current: e.current,
    slope_per_min: e.slopePerMin,
    breach_at: e.breachAt,
    breach_in_min: e.breachInMin,
    interval_earliest: e.interval?.earliest ?? null,
    interval_latest: e.interval?.latest ?? null,
    points: e.points,
    samples: e.samples,
  }));
  await sql`insert into null_forecasts select * from jsonb_populate_recordset(null::null_forecasts, ${JSON.stringify(rows)}::jsonb)`;
}

const role = process.argv[2];
const env = (name: string) => process.env[name] ?? '';
const log = createLogger(`null-${role}`, 'warn');
const counters = createCounters();
const bus = await openBus(
  {
    NATS_URL: env('NATS_URL'),
    BUS_NAMESPACE: env('BUS_NAMESPACE'),
    FORECASTER_PARTITIONS: Number(env('FORECASTER_PARTITIONS')),
    STREAM_REPLICAS: 1,
    MAX_CLOCK_SKEW_SEC: LIMITS.maxClockSkewSec,
  },
  { service: `null-${role}`, log, counters },
);
const { nc, js, names, events } = bus;
const { sql } = createDatabase(env('DATABASE_URL'), { max: 4 });
const common = { nc, js, names, log, counters };

// The forecaster's partition leases and durables, publishing its forecasts before acking a batch.
const forecaster = async () => {
  const forecastsOf = new Map<number, ReturnType<typeof nullForecasts>>();
  const loop = await bus.consumePartitions({
    event: events.metricSampled,
    group: 'forecaster',
    durable: names.durables.forecaster,
    leaseTtlMs: 15_000,
    handler: async (p, batch) => {
      // Kept across claims, as the product rebuilds its series on a claim.
      const forecastsFor = forecastsOf.get(p) ?? forecastsOf.set(p, nullForecasts()).get(p)!;
      const forecasts = forecastsFor(batch.map((d) => d.event));
      await publishAll(js, names, forecastUpdatedEvent, forecasts);
    },
  });
  return [loop];
};

/** A gateway projection: the durable's batches written by `write`, acked once it resolved. */
const project = <S extends z.ZodType>(
  event: EventDescriptor<S>,
  durable: string,
  write: (sql: Sql, rows: Array<z.infer<S>>) => Promise<void>,
) =>
  consumeBatches({
    ...common,
    event,
    durable,
    handler: (batch) =>
      write(
        sql,
        batch.map((d) => d.event),
      ),
  });

// The gateway's projections of samples and forecasts.
const gateway = () =>
  Promise.all([
    project(events.metricSampled, names.durables.gatewayMetrics, insertSamples),
    project(events.forecastUpdated, names.durables.gatewayForecasts, insertForecasts),
  ]);

const loops = await (role === 'forecaster' ? forecaster() : gateway());
console.log(`null ${role} ready`);
process.once('SIGTERM', () => {
  void Promise.all(loops.map((loop) => loop.stop()))
    .then(() => bus.close())
    .then(() => sql.end())
    .finally(() => process.exit(0));
});
