import type { Database } from '../client';

/** Key of the advisory lock that lets one replica at a time prune (migrations use 727_001). */
const RETENTION_LOCK_KEY = 727_002;

export type PruneResult = { ran: boolean; metrics: number; forecasts: number; resources: number };

/**
 * Deletes metric rows older than `cutoff` in batches of `batchSize` (each its own short
 * transaction, through the `ts` index, lowering the resources' sample counts as it goes),
 * forecasts generated before it, and resources not seen since. Holds a session advisory lock
 * meanwhile: when another replica holds it, returns `{ran: false}` at once.
 *
 * @example
 * const result = await pruneOlderThan(db, new Date(Date.now() - 14 * 86_400_000));
 */
export async function pruneOlderThan(
  db: Database,
  before: Date,
  opts: { batchSize?: number } = {},
): Promise<PruneResult> {
  // An ISO string: the drizzle-owned client passes timestamps through unserialised.
  const cutoff = before.toISOString();
  const batchSize = opts.batchSize ?? 5_000;
  const session = await db.$client.reserve();
  try {
    const [lock] = await session<Array<{ got: boolean }>>`select pg_try_advisory_lock(${RETENTION_LOCK_KEY}) as got`;
    if (!lock?.got) return { ran: false, metrics: 0, forecasts: 0, resources: 0 };
    try {
      let metrics = 0;
      for (;;) {
        const [batch] = await session<Array<{ deleted: string }>>`
          with doomed as (
            select resource_id, ts from metrics where ts < ${cutoff} limit ${batchSize}
          ), gone as (
            delete from metrics m using doomed d
            where m.resource_id = d.resource_id and m.ts = d.ts
            returning m.resource_id
          ), counted as (
            update resources r set samples = greatest(r.samples - c.n, 0)
            from (select resource_id, count(*) as n from gone group by resource_id) c
            where r.resource_id = c.resource_id
            returning 1
          )
          select (select count(*) from gone) as deleted, (select count(*) from counted) as touched`;
        const deleted = Number(batch?.deleted ?? 0);
        metrics += deleted;
        if (deleted < batchSize) break;
      }
      const forecasts = await session`delete from forecasts where generated_at < ${cutoff}`;
      const resources = await session`delete from resources where last_seen < ${cutoff}`;
      return { ran: true, metrics, forecasts: forecasts.count, resources: resources.count };
    } finally {
      await session`select pg_advisory_unlock(${RETENTION_LOCK_KEY})`;
    }
  } finally {
    session.release();
  }
}
