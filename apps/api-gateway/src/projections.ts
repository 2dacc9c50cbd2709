import { alertFiredSchema, forecastUpdatedSchema, metricSampledSchema } from '@autoscale/contracts';
import type { BusNames, TimeBounds } from '@autoscale/contracts';
import { consumeDurable } from '@autoscale/bus';
import type { JetStreamClient } from '@autoscale/bus';
import { insertAlert, upsertForecast, upsertMetricSample } from '@autoscale/db';
import type { Database } from '@autoscale/db';
import type { Counters, Logger } from '@autoscale/observability';

/**
 * Projects the three streams into PostgreSQL, the gateway's read model. Each message is
 * acked only after its row is committed; every write is an idempotent upsert, so a
 * redelivery changes nothing. While PostgreSQL is down, messages are nak'ed and retried.
 */
export async function startProjections(deps: {
  js: JetStreamClient;
  db: Database;
  names: BusNames;
  log: Logger;
  counters: Counters;
  /** Events dated beyond the clock skew are refused, not stored. */
  bounds: TimeBounds;
}) {
  const { js, db, names, log, counters, bounds } = deps;
  const loops = await Promise.all([
    consumeDurable({
      js,
      stream: names.streams.metrics,
      durable: names.durables.gatewayMetrics,
      schema: metricSampledSchema(bounds),
      handler: (event) => upsertMetricSample(db, event),
      log,
      counters,
    }),
    consumeDurable({
      js,
      stream: names.streams.forecasts,
      durable: names.durables.gatewayForecasts,
      schema: forecastUpdatedSchema(bounds),
      handler: (event) => upsertForecast(db, event),
      log,
      counters,
    }),
    consumeDurable({
      js,
      stream: names.streams.alerts,
      durable: names.durables.gatewayAlerts,
      schema: alertFiredSchema(bounds),
      handler: (event) => insertAlert(db, event),
      log,
      counters,
    }),
  ]);
  return {
    stop: () => Promise.all(loops.map((loop) => loop.stop())).then(() => undefined),
  };
}
