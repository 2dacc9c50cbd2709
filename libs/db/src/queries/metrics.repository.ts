import type { MetricSampled } from '@autoscale/contracts';
import type { Database } from '../client';
import { chunks, lastByKey } from '../writes/last-by-key';
import { cancellable, toIso } from './cancellable';
import type { DbExecutor } from './executor';
import { upsertMetricsAndResources } from './metrics-write.sql';
import type { MetricRow } from './metrics-write.sql';

/**
 * Writes a batch of samples with one multi-row upsert and folds them into the resources
 * table, in one statement (atomic, one round trip). Idempotent: a sample written twice leaves
 * one row, and the resource's sample count grows only by rows actually inserted.
 *
 * @example
 * await upsertMetricSamples(db, events);
 */
export async function upsertMetricSamples(db: DbExecutor, events: readonly MetricSampled[]): Promise<void> {
  for (const part of chunks(distinctRows(events))) await db.execute(upsertMetricsAndResources(part));
}

/** One sample: {@link upsertMetricSamples} of a batch of one. */
export const upsertMetricSample = (db: DbExecutor, event: MetricSampled) => upsertMetricSamples(db, [event]);

/**
 * One row per (resource, instant), the last of the batch winning (an upsert cannot touch the
 * same row twice), in key order so concurrent batches lock rows in the same order.
 */
function distinctRows(events: readonly MetricSampled[]) {
  const rows = events.map((e): MetricRow => ({
    resourceId: e.resourceId,
    ts: new Date(e.ts),
    provider: e.provider,
    cpu: e.metrics.cpu ?? null,
    mem: e.metrics.mem ?? null,
    labels: e.labels ?? null,
  }));
  return lastByKey(rows, (r) => `${r.resourceId}\u0000${r.ts.getTime()}`).sort((a, b) =>
    a.resourceId === b.resourceId ? a.ts.getTime() - b.ts.getTime() : a.resourceId < b.resourceId ? -1 : 1,
  );
}

/** Average and maximum of each metric over one time bucket; null where nothing was reported. */
export type MetricPoint = {
  ts: string;
  cpu: number | null;
  mem: number | null;
  cpuMax: number | null;
  memMax: number | null;
};

export type MetricsWindow = { resourceId: string; since: Date; stepSeconds: number };

type BucketRow = {
  bucket: Date | string;
  cpu: number | null;
  cpu_max: number | null;
  mem: number | null;
  mem_max: number | null;
};

/**
 * The series of one resource since `since`, oldest first, downsampled on the server into
 * buckets of `stepSeconds` aligned to the epoch (so the same bucket keeps its time from one
 * request to the next); a bucket with one sample is that sample. Reads only the resource's
 * rows in the window, through the (resource_id, ts) key.
 *
 * @example
 * const points = await listMetrics(db, { resourceId: 'web-1', since: new Date(Date.now() - 86_400_000), stepSeconds: 240 });
 */
export async function listMetrics(db: Database, window: MetricsWindow, signal?: AbortSignal): Promise<MetricPoint[]> {
  const client = db.$client;
  const step = Math.max(1, Math.round(window.stepSeconds));
  const rows = await cancellable(
    () => client<BucketRow[]>`
      select to_timestamp(floor(extract(epoch from ts) / ${step}::int) * ${step}::int) as bucket,
        avg(cpu) as cpu, max(cpu) as cpu_max, avg(mem) as mem, max(mem) as mem_max
      from metrics
      where resource_id = ${window.resourceId} and ts >= ${window.since.toISOString()}
      group by bucket order by bucket`,
    signal,
  );
  return rows.map((r) => ({ ts: toIso(r.bucket), cpu: r.cpu, mem: r.mem, cpuMax: r.cpu_max, memMax: r.mem_max }));
}
