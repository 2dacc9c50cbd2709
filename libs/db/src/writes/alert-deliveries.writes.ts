import { eq, inArray } from 'drizzle-orm';
import { ChannelName, alertStatus } from '@autoscale/contracts';
import type { AlertDeliveryUpdated, Delivery } from '@autoscale/contracts';
import type { Database } from '../client';
import { alerts } from '../schema/index';

/** Thrown when a delivery update arrives for an alert not projected yet; retry later. */
export class AlertNotFoundError extends Error {
  override name = 'AlertNotFoundError';
}

/**
 * Folds delivery attempts' outcomes into their alerts' rows, in the order given, in one
 * transaction (one locking read for the batch, one update per alert changed). A channel's
 * entry is replaced only by an update with at least as many attempts (a final status wins
 * a tie), so redelivered or reordered updates leave the newest state; the summed-up status
 * follows. Throws {@link AlertNotFoundError} (nothing written) when an alert is missing.
 *
 * @example
 * await applyAlertDeliveries(db, batch.map((d) => d.event));
 */
export async function applyAlertDeliveries(db: Database, updates: readonly AlertDeliveryUpdated[]): Promise<void> {
  if (updates.length === 0) return;
  await db.transaction(async (tx) => {
    const keys = [...new Set(updates.map((u) => u.alertKey))];
    const rows = await tx
      .select({ key: alerts.key, deliveries: alerts.deliveries, suppressed: alerts.suppressed })
      .from(alerts)
      .where(inArray(alerts.key, keys))
      .orderBy(alerts.key)
      .for('update');
    const byKey = new Map(
      rows.map((r) => [r.key, { deliveries: r.deliveries, suppressed: r.suppressed, changed: false }]),
    );
    for (const update of updates) {
      const row = byKey.get(update.alertKey);
      if (!row) throw new AlertNotFoundError(`alert ${update.alertKey} is not projected yet`);
      const next = folded(row.deliveries, update);
      if (next === row.deliveries) continue;
      row.deliveries = next;
      row.changed = true;
    }
    for (const [key, row] of byKey) {
      if (!row.changed) continue;
      const status = alertStatus({
        deliveries: row.deliveries,
        ...(row.suppressed ? { suppressed: row.suppressed } : {}),
      });
      await tx.update(alerts).set({ deliveries: row.deliveries, status }).where(eq(alerts.key, key));
    }
  });
}

/** The deliveries with the update's entry in place of its channel's, or the same array when it does not supersede it. */
function folded(deliveries: Delivery[], update: AlertDeliveryUpdated): Delivery[] {
  const entry: Delivery = {
    channel: update.channel,
    ok: update.status === 'delivered',
    status: update.status,
    attempts: update.attempts,
    at: update.at,
    ...(update.error ? { error: update.error } : {}),
  };
  const current = deliveries.find((d) => d.channel === update.channel);
  if (current && !supersedes(entry, current)) return deliveries;
  const order = (d: Delivery) => ChannelName.options.indexOf(d.channel);
  return [...deliveries.filter((d) => d.channel !== update.channel), entry].sort((a, b) => order(a) - order(b));
}

const FINAL = new Set(['delivered', 'failed', 'silenced']);

function supersedes(next: Delivery, current: Delivery): boolean {
  const a = next.attempts ?? 0;
  const b = current.attempts ?? 0;
  if (a !== b) return a > b;
  return FINAL.has(next.status ?? '') && !FINAL.has(current.status ?? '');
}
