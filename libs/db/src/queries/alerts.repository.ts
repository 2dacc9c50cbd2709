import { and, desc, eq, gte } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { alertFiredMsgId, alertStatus } from '@autoscale/contracts';
import type { AlertDeliveryUpdated, AlertFired, AlertStatus, Delivery } from '@autoscale/contracts';
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
      status: alertStatus(event),
      suppressed: event.suppressed ?? null,
    })
    .onConflictDoNothing({ target: alerts.key });
}

/** Thrown when a delivery update arrives for an alert not projected yet; retry later. */
export class AlertNotFoundError extends Error {
  override name = 'AlertNotFoundError';
}

/**
 * Folds one delivery attempt's outcome into its alert's row: the channel's entry is
 * replaced only by an update with at least as many attempts (a final status wins a tie), so
 * redelivered or reordered updates leave the newest state. Updates the summed-up status.
 */
export async function applyAlertDelivery(db: Database, update: AlertDeliveryUpdated): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ deliveries: alerts.deliveries, suppressed: alerts.suppressed })
      .from(alerts)
      .where(eq(alerts.key, update.alertKey))
      .for('update');
    if (!row) throw new AlertNotFoundError(`alert ${update.alertKey} is not projected yet`);
    const entry: Delivery = {
      channel: update.channel,
      ok: update.status === 'delivered',
      status: update.status,
      attempts: update.attempts,
      at: update.at,
      ...(update.error ? { error: update.error } : {}),
    };
    const current = row.deliveries.find((d) => d.channel === update.channel);
    if (current && !supersedes(entry, current)) return;
    const deliveries = [...row.deliveries.filter((d) => d.channel !== update.channel), entry].sort((a, b) =>
      a.channel === b.channel ? 0 : a.channel === 'slack' ? -1 : 1,
    );
    const suppressed = row.suppressed as AlertFired['suppressed'] | null;
    const status = alertStatus({ deliveries, ...(suppressed ? { suppressed } : {}) });
    await tx.update(alerts).set({ deliveries, status }).where(eq(alerts.key, update.alertKey));
  });
}

const FINAL = new Set(['delivered', 'failed', 'silenced']);

function supersedes(next: Delivery, current: Delivery): boolean {
  const a = next.attempts ?? 0;
  const b = current.attempts ?? 0;
  if (a !== b) return a > b;
  return FINAL.has(next.status ?? '') && !FINAL.has(current.status ?? '');
}

export type AlertFilter = {
  limit: number;
  status?: AlertStatus | undefined;
  resourceId?: string | undefined;
  kind?: AlertFired['kind'] | undefined;
  severity?: AlertFired['severity'] | undefined;
  /** Only alerts fired at or after this time. */
  since?: Date | undefined;
};

/** The newest alerts matching every given filter, newest first. */
export async function listAlerts(db: Database, filter: AlertFilter | number) {
  const f: AlertFilter = typeof filter === 'number' ? { limit: filter } : filter;
  const conditions: SQL[] = [];
  if (f.status) conditions.push(eq(alerts.status, f.status));
  if (f.resourceId) conditions.push(eq(alerts.resourceId, f.resourceId));
  if (f.kind) conditions.push(eq(alerts.kind, f.kind));
  if (f.severity) conditions.push(eq(alerts.severity, f.severity));
  if (f.since) conditions.push(gte(alerts.firedAt, f.since));
  const rows = await db
    .select()
    .from(alerts)
    .where(and(...conditions))
    .orderBy(desc(alerts.firedAt), desc(alerts.key))
    .limit(f.limit);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return rows.map(({ key: _key, ...r }) => ({
    ...r,
    breachAt: iso(r.breachAt),
    firedAt: r.firedAt.toISOString(),
    forecastAt: iso(r.forecastAt),
  }));
}

/** Whether any alert of the episode was projected. */
export async function episodeExists(db: Database, episodeId: string): Promise<boolean> {
  const [row] = await db.select({ key: alerts.key }).from(alerts).where(eq(alerts.episodeId, episodeId)).limit(1);
  return row !== undefined;
}
