import { desc } from 'drizzle-orm';
import { alertFiredMsgId } from '@autoscale/contracts';
import type { AlertFired } from '@autoscale/contracts';
import type { Database } from '../client';
import { alerts } from '../schema/index';

/** Idempotent: keyed by alert id + kind, the dedupe id of the event. */
export async function insertAlert(db: Database, event: AlertFired): Promise<void> {
  await db
    .insert(alerts)
    .values({
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
    })
    .onConflictDoNothing({ target: alerts.key });
}

/** The newest `limit` alerts, newest first. */
export async function listAlerts(db: Database, limit: number) {
  const rows = await db.select().from(alerts).orderBy(desc(alerts.firedAt), desc(alerts.key)).limit(limit);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return rows.map(({ key: _key, ...r }) => ({
    ...r,
    breachAt: iso(r.breachAt),
    firedAt: r.firedAt.toISOString(),
    forecastAt: iso(r.forecastAt),
  }));
}
