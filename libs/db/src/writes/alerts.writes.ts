import { alertFiredMsgId, alertStatus } from '@autoscale/contracts';
import type { AlertFired } from '@autoscale/contracts';
import type { Database } from '../client';
import { alerts } from '../schema/index';
import { chunks, lastByKey } from './last-by-key';

/**
 * Stores notifications with one multi-row insert per 1,000, keyed by alert id + kind (the
 * event's dedupe id): a notification already stored is left as it is.
 *
 * @example
 * await insertAlerts(db, batch.map((d) => d.event));
 */
export async function insertAlerts(db: Database, events: readonly AlertFired[]): Promise<void> {
  const rows = lastByKey(events, alertFiredMsgId).map((event) => ({
    key: alertFiredMsgId(event),
    id: event.id,
    episodeId: event.episodeId ?? null,
    resourceId: event.resourceId,
    metric: event.metric,
    kind: event.kind,
    severity: event.severity,
    breachAt: event.breachAt ? new Date(event.breachAt) : null,
    message: event.message,
    firedAt: new Date(event.firedAt),
    forecastAt: event.forecastAt ? new Date(event.forecastAt) : null,
    current: event.current ?? null,
    threshold: event.threshold ?? null,
    model: event.model ?? null,
    deliveries: event.deliveries,
    status: alertStatus(event),
    suppressed: event.suppressed ?? null,
  }));
  for (const part of chunks(rows)) await db.insert(alerts).values(part).onConflictDoNothing({ target: alerts.key });
}
