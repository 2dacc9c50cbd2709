import { and, desc, eq, getTableColumns, gte, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { AlertDeliveryUpdated, AlertFired, AlertStatus } from '@autoscale/contracts';
import type { Database } from '../client';
import { alertAcks, alerts } from '../schema/index';
import { insertAlerts } from '../writes/alerts.writes';
import { applyAlertDeliveries } from '../writes/alert-deliveries.writes';

/** One notification: {@link insertAlerts} with a batch of one. */
export const insertAlert = (db: Database, event: AlertFired) => insertAlerts(db, [event]);

/** One delivery update: {@link applyAlertDeliveries} with a batch of one. */
export const applyAlertDelivery = (db: Database, update: AlertDeliveryUpdated) => applyAlertDeliveries(db, [update]);

export type AlertFilter = {
  limit: number;
  status?: AlertStatus | undefined;
  resourceId?: string | undefined;
  kind?: AlertFired['kind'] | undefined;
  severity?: AlertFired['severity'] | undefined;
  /** Only alerts fired at or after this time. */
  since?: Date | undefined;
};

/** The newest alerts matching every given filter, newest first, each with its episode's ack (or nulls). */
export async function listAlerts(db: Database, filter: AlertFilter | number) {
  const f: AlertFilter = typeof filter === 'number' ? { limit: filter } : filter;
  const conditions: SQL[] = [];
  if (f.status) conditions.push(eq(alerts.status, f.status));
  if (f.resourceId) conditions.push(eq(alerts.resourceId, f.resourceId));
  if (f.kind) conditions.push(eq(alerts.kind, f.kind));
  if (f.severity) conditions.push(eq(alerts.severity, f.severity));
  if (f.since) conditions.push(gte(alerts.firedAt, f.since));
  const rows = await db
    .select({
      ...getTableColumns(alerts),
      ackedBy: alertAcks.ackedBy,
      ackedAt: alertAcks.ackedAt,
      comment: alertAcks.comment,
    })
    .from(alerts)
    .leftJoin(alertAcks, eq(alertAcks.episodeId, alerts.episodeId))
    .where(and(...conditions))
    .orderBy(desc(alerts.firedAt), desc(alerts.key))
    .limit(f.limit);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return rows.map(({ key: _key, ...r }) => ({
    ...r,
    breachAt: iso(r.breachAt),
    firedAt: r.firedAt.toISOString(),
    forecastAt: iso(r.forecastAt),
    ackedAt: iso(r.ackedAt),
  }));
}

/**
 * An episode as the read model knows it: null when none of its alerts was projected;
 * `resolved` once its `resolved` notification was.
 *
 * @example
 * const episode = await findEpisode(db, alert.episodeId); // { resolved: false }
 */
export async function findEpisode(db: Database, episodeId: string): Promise<{ resolved: boolean } | null> {
  const [row] = await db
    .select({
      alerts: sql<number>`count(*)::int`,
      resolved: sql<boolean>`coalesce(bool_or(${alerts.kind} = 'resolved'), false)`,
    })
    .from(alerts)
    .where(eq(alerts.episodeId, episodeId));
  return row && row.alerts > 0 ? { resolved: row.resolved } : null;
}
