import { desc } from 'drizzle-orm';
import type { AlertFired } from '@autoscale/contracts';
import type { Database } from '../client';
import { alerts } from '../schema/index';
import { insertAlerts } from '../writes/alerts.writes';

/** One notification: {@link insertAlerts} with a batch of one. */
export const insertAlert = (db: Database, event: AlertFired) => insertAlerts(db, [event]);

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
