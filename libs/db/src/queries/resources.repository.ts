import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { resources } from '../schema/index';
import { cancellable, toIso } from './cancellable';
import type { DbExecutor } from './executor';

/** One sample as the resources table sees it; `inserted` is false for a redelivered row. */
export type ResourceSighting = {
  resourceId: string;
  provider: string;
  ts: Date;
  cpu: number | null;
  mem: number | null;
  inserted: boolean;
};

/**
 * Folds a batch of samples into the resources table with one multi-row upsert: newest values
 * win (an older or redelivered sample never moves `last_seen` back), `first_seen` only moves
 * back, `samples` grows by the rows actually inserted. Run it in the transaction that writes
 * the metric rows. Rows are written in resource-id order so concurrent batches do not deadlock.
 *
 * @example
 * await db.transaction((tx) => upsertResources(tx, [{ resourceId: 'web-1', provider: 'aws', ts, cpu: 40, mem: null, inserted: true }]));
 */
export async function upsertResources(db: DbExecutor, sightings: readonly ResourceSighting[]): Promise<void> {
  const rows = foldSightings(sightings);
  if (rows.length === 0) return;
  const newer = sql`excluded.last_seen >= ${resources.lastSeen}`;
  await db
    .insert(resources)
    .values(rows)
    .onConflictDoUpdate({
      target: resources.resourceId,
      set: {
        provider: sql`case when ${newer} then excluded.provider else ${resources.provider} end`,
        cpu: sql`case when ${newer} then excluded.cpu else ${resources.cpu} end`,
        mem: sql`case when ${newer} then excluded.mem else ${resources.mem} end`,
        firstSeen: sql`least(${resources.firstSeen}, excluded.first_seen)`,
        lastSeen: sql`greatest(${resources.lastSeen}, excluded.last_seen)`,
        memoryAvailable: sql`${resources.memoryAvailable} or excluded.memory_available`,
        samples: sql`${resources.samples} + excluded.samples`,
      },
    });
}

function foldSightings(sightings: readonly ResourceSighting[]) {
  const byResource = new Map<string, typeof resources.$inferInsert & { firstSeen: Date; lastSeen: Date; samples: number }>();
  for (const s of sightings) {
    const row = byResource.get(s.resourceId);
    const count = s.inserted ? 1 : 0;
    if (!row) {
      byResource.set(s.resourceId, {
        resourceId: s.resourceId,
        provider: s.provider,
        firstSeen: s.ts,
        lastSeen: s.ts,
        cpu: s.cpu,
        mem: s.mem,
        memoryAvailable: s.mem !== null,
        samples: count,
      });
      continue;
    }
    row.samples += count;
    row.memoryAvailable = row.memoryAvailable || s.mem !== null;
    if (s.ts < row.firstSeen) row.firstSeen = s.ts;
    if (s.ts >= row.lastSeen) Object.assign(row, { lastSeen: s.ts, provider: s.provider, cpu: s.cpu, mem: s.mem });
  }
  return [...byResource.values()].sort((a, b) => (a.resourceId < b.resourceId ? -1 : 1));
}

export type ResourceSummary = {
  resourceId: string;
  provider: string;
  firstSeen: string;
  lastSeen: string;
  cpu: number | null;
  mem: number | null;
  memoryAvailable: boolean;
  samples: number;
};

type ResourceRow = {
  resource_id: string;
  provider: string;
  first_seen: Date | string;
  last_seen: Date | string;
  cpu: number | null;
  mem: number | null;
  memory_available: boolean;
  samples: string | number;
};

const toSummary = (r: ResourceRow): ResourceSummary => ({
  resourceId: r.resource_id,
  provider: r.provider,
  firstSeen: toIso(r.first_seen),
  lastSeen: toIso(r.last_seen),
  cpu: r.cpu,
  mem: r.mem,
  memoryAvailable: r.memory_available,
  samples: Number(r.samples),
});

/**
 * Every resource seen, by id, with its newest values; `memoryAvailable` is false when no
 * sample had memory. Reads the resources table only (one row per resource).
 *
 * @example
 * const all = await listResources(db, request.signal);
 */
export async function listResources(db: Database, signal?: AbortSignal): Promise<ResourceSummary[]> {
  const client = db.$client;
  const rows = await cancellable(() => client<ResourceRow[]>`select * from resources order by resource_id`, signal);
  return rows.map(toSummary);
}

/**
 * One resource by id, or the first by id when `resourceId` is undefined; null when unknown.
 *
 * @example
 * const resource = await findResource(db, 'web-1');
 */
export async function findResource(db: Database, resourceId?: string, signal?: AbortSignal): Promise<ResourceSummary | null> {
  const client = db.$client;
  const query = () =>
    resourceId === undefined
      ? client<ResourceRow[]>`select * from resources order by resource_id limit 1`
      : client<ResourceRow[]>`select * from resources where resource_id = ${resourceId}`;
  const [row] = await cancellable(query, signal);
  return row ? toSummary(row) : null;
}
