import { alertStreamEvent, boundedEvents, scalingStreamEvent } from '@autoscale/contracts';
import type {
  AlertDeliveryUpdated,
  AlertFired,
  AlertStreamEvent,
  BusNames,
  ScaleActuationUpdated,
  ScaleDecided,
  ScalingStreamEvent,
  TimeBounds,
} from '@autoscale/contracts';
import { consumeBatches } from '@autoscale/bus';
import type { JetStreamClient, NatsConnection } from '@autoscale/bus';
import {
  applyAlertDeliveries,
  applyScaleActuations,
  insertAlerts,
  insertScaleDecisions,
  upsertForecasts,
  upsertMetricSamples,
} from '@autoscale/db';
import type { Database } from '@autoscale/db';
import type { Counters, Logger } from '@autoscale/observability';

/**
 * Projects the streams into PostgreSQL, the gateway's read model (ALERTS carries
 * notifications and their delivery updates, SCALING decisions and their actuations). Each batch is written with one multi-row
 * upsert per table and acked only after it is committed; every write is idempotent, so a
 * redelivery changes nothing. While PostgreSQL is down, batches are retried with growing
 * pauses; a message that still fails goes to DEADLETTER.
 */
export async function startProjections(deps: {
  nc: NatsConnection;
  js: JetStreamClient;
  db: Database;
  names: BusNames;
  log: Logger;
  counters: Counters;
  /** Events dated beyond the clock skew are refused, not stored. */
  bounds: TimeBounds;
  /** Pulls bringing nothing this long with messages pending re-create the durable (see consumeBatches). */
  recreateWhenStalledMs?: number;
}) {
  const { nc, js, db, names, log, counters, bounds, recreateWhenStalledMs } = deps;
  // Re-creating a durable at its ack floor is safe here: every projection write is idempotent.
  const common = { nc, js, names, log, counters, recreateWhenStalledMs };
  const events = boundedEvents(bounds);
  const loops = await Promise.all([
    consumeBatches({
      ...common,
      event: events.metricSampled,
      durable: names.durables.gatewayMetrics,
      handler: (batch) =>
        upsertMetricSamples(
          db,
          batch.map((d) => d.event),
        ),
    }),
    consumeBatches({
      ...common,
      event: events.forecastUpdated,
      durable: names.durables.gatewayForecasts,
      handler: (batch) =>
        upsertForecasts(
          db,
          batch.map((d) => d.event),
        ),
    }),
    consumeBatches({
      ...common,
      // Notifications and their delivery updates; the alerter already refused future-dated forecasts.
      event: alertStreamEvent,
      durable: names.durables.gatewayAlerts,
      handler: (batch) =>
        projectAlerts(
          db,
          batch.map((d) => d.event),
        ),
    }),
    consumeBatches({
      ...common,
      // Decisions and their actuation updates; the scaler already refused future-dated forecasts.
      event: scalingStreamEvent,
      durable: names.durables.gatewayScaling,
      handler: (batch) =>
        projectScaling(
          db,
          batch.map((d) => d.event),
        ),
    }),
  ]);
  return {
    stop: () => Promise.all(loops.map((loop) => loop.stop())).then(() => undefined),
  };
}

/**
 * Notifications first, then delivery updates in stream order: an update always follows its
 * notification on the stream, and a notification already stored is left as it is, so this
 * ends where handling the batch one message at a time would.
 */
async function projectAlerts(db: Database, events: readonly AlertStreamEvent[]) {
  const fired: AlertFired[] = [];
  const updates: AlertDeliveryUpdated[] = [];
  for (const event of events) {
    if ('alertKey' in event) updates.push(event);
    else fired.push(event);
  }
  await insertAlerts(db, fired);
  await applyAlertDeliveries(db, updates);
}

/** Decisions first, then actuation updates in stream order (an update follows its decision). */
async function projectScaling(db: Database, events: readonly ScalingStreamEvent[]) {
  const decided: ScaleDecided[] = [];
  const updates: ScaleActuationUpdated[] = [];
  for (const event of events) {
    if ('decisionId' in event) updates.push(event);
    else decided.push(event);
  }
  await insertScaleDecisions(db, decided);
  await applyScaleActuations(db, updates);
}
