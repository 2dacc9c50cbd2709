import { AlertStreamEvent, ForecastUpdated, MetricSampled } from '@autoscale/contracts';
import type { BusNames } from '@autoscale/contracts';
import { consumeDurable } from '@autoscale/bus';
import type { JetStreamClient } from '@autoscale/bus';
import { applyAlertDelivery, insertAlert, upsertForecast, upsertMetricSample } from '@autoscale/db';
import type { Database } from '@autoscale/db';
import type { Counters, Logger } from '@autoscale/observability';

/**
 * Projects the three streams into PostgreSQL (alerts and their delivery updates share one), the gateway's read model. Each message is
 * acked only after its row is committed; every write is an idempotent upsert, so a
 * redelivery changes nothing. While PostgreSQL is down, messages are nak'ed and retried.
 */
export async function startProjections(deps: {
  js: JetStreamClient;
  db: Database;
  names: BusNames;
  log: Logger;
  counters: Counters;
}) {
  const { js, db, names, log, counters } = deps;
  const loops = await Promise.all([
    consumeDurable({
      js,
      stream: names.streams.metrics,
      durable: names.durables.gatewayMetrics,
      schema: MetricSampled,
      handler: (event) => upsertMetricSample(db, event),
      log,
      counters,
    }),
    consumeDurable({
      js,
      stream: names.streams.forecasts,
      durable: names.durables.gatewayForecasts,
      schema: ForecastUpdated,
      handler: (event) => upsertForecast(db, event),
      log,
      counters,
    }),
    consumeDurable({
      js,
      stream: names.streams.alerts,
      durable: names.durables.gatewayAlerts,
      schema: AlertStreamEvent,
      handler: (event) => ('alertKey' in event ? applyAlertDelivery(db, event) : insertAlert(db, event)),
      log,
      counters,
    }),
  ]);
  return {
    stop: () => Promise.all(loops.map((loop) => loop.stop())).then(() => undefined),
  };
}
