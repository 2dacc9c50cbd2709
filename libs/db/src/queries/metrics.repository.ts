import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { upsertMetricSamples } from '../writes/metrics.writes';
import type { MetricSampled } from '@autoscale/contracts';
import type { Database } from '../client';
import { metrics } from '../schema/index';

/** One sample: {@link upsertMetricSamples} with a batch of one. */
export const upsertMetricSample = (db: Database, event: MetricSampled) => upsertMetricSamples(db, [event]);

export type MetricPoint = { ts: string; cpu: number | null; mem: number | null };

/** The series of one resource since `since`, oldest first. */
export async function listMetrics(db: Database, resourceId: string, since: Date): Promise<MetricPoint[]> {
  const rows = await db
    .select({ ts: metrics.ts, cpu: metrics.cpu, mem: metrics.mem })
    .from(metrics)
    .where(and(eq(metrics.resourceId, resourceId), gte(metrics.ts, since)))
    .orderBy(asc(metrics.ts));
  return rows.map((r) => ({ ts: r.ts.toISOString(), cpu: r.cpu, mem: r.mem }));
}

export type ResourceSummary = {
  resourceId: string;
  provider: string;
  lastSeen: string;
  cpu: number | null;
  mem: number | null;
  memoryAvailable: boolean;
  samples: number;
};

/** Every resource seen, with its newest values; `memoryAvailable` is false when no sample had memory. */
export async function listResources(db: Database): Promise<ResourceSummary[]> {
  const rows = await db.execute<{
    resource_id: string;
    provider: string;
    last_seen: Date | string;
    cpu: number | null;
    mem: number | null;
    memory_available: boolean;
    samples: string | number;
  }>(sql`
    select distinct on (m.resource_id)
      m.resource_id, m.provider, m.ts as last_seen, m.cpu, m.mem, s.memory_available, s.samples
    from ${metrics} m
    join (
      select resource_id, bool_or(mem is not null) as memory_available, count(*) as samples
      from ${metrics} group by resource_id
    ) s on s.resource_id = m.resource_id
    order by m.resource_id, m.ts desc`);
  return rows.map((r) => ({
    resourceId: r.resource_id,
    provider: r.provider,
    lastSeen: new Date(r.last_seen).toISOString(),
    cpu: r.cpu,
    mem: r.mem,
    memoryAvailable: r.memory_available,
    samples: Number(r.samples),
  }));
}
