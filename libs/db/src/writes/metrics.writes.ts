import { sql } from 'drizzle-orm';
import type { MetricSampled } from '@autoscale/contracts';
import type { Database } from '../client';
import { metrics } from '../schema/index';
import { chunks, lastByKey } from './last-by-key';

/**
 * Stores samples with one multi-row upsert per 1,000: idempotent, a sample written again
 * replaces its row's values, and duplicates inside the batch are collapsed (last wins).
 *
 * @example
 * await upsertMetricSamples(db, batch.map((d) => d.event));
 */
export async function upsertMetricSamples(db: Database, events: readonly MetricSampled[]): Promise<void> {
  const rows = lastByKey(
    events.map((event) => ({
      resourceId: event.resourceId,
      ts: new Date(event.ts),
      provider: event.provider,
      cpu: event.metrics.cpu ?? null,
      mem: event.metrics.mem ?? null,
      labels: event.labels ?? null,
    })),
    (row) => `${row.resourceId}\u0000${row.ts.getTime()}`,
  );
  for (const part of chunks(rows)) {
    await db
      .insert(metrics)
      .values(part)
      .onConflictDoUpdate({
        target: [metrics.resourceId, metrics.ts],
        set: {
          provider: sql`excluded.provider`,
          cpu: sql`excluded.cpu`,
          mem: sql`excluded.mem`,
          labels: sql`excluded.labels`,
        },
      });
  }
}
