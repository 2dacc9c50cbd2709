import { boundedEvents } from '@autoscale/contracts';
import type { BusNames, TimeBounds } from '@autoscale/contracts';
import { consumeBatches } from '@autoscale/bus';
import type { JetStreamClient } from '@autoscale/bus';
import { insertAlerts, upsertForecasts, upsertMetricSamples } from '@autoscale/db';
import type { Database } from '@autoscale/db';
import type { Counters, Logger } from '@autoscale/observability';

/**
 * Projects the three streams into PostgreSQL, the gateway's read model. Each batch is
 * written with one multi-row upsert per table and acked only after it is committed; every
 * write is idempotent, so a redelivery changes nothing. While PostgreSQL is down, batches
 * are retried with growing pauses; a message that still fails goes to DEADLETTER.
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
  const common = { js, names, log, counters };
  const events = boundedEvents(bounds);
  const loops = await Promise.all([
    consumeBatches({
      ...common,
      event: events.metricSampled,
      durable: names.durables.gatewayMetrics,
      handler: (batch) => upsertMetricSamples(db, batch.map((d) => d.event)),
    }),
    consumeBatches({
      ...common,
      event: events.forecastUpdated,
      durable: names.durables.gatewayForecasts,
      handler: (batch) => upsertForecasts(db, batch.map((d) => d.event)),
    }),
    consumeBatches({
      ...common,
      event: events.alertFired,
      durable: names.durables.gatewayAlerts,
      handler: (batch) => insertAlerts(db, batch.map((d) => d.event)),
    }),
  ]);
  return {
    stop: () => Promise.all(loops.map((loop) => loop.stop())).then(() => undefined),
  };
}
