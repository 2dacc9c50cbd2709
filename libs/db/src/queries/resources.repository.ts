import type { Database } from '../client';
import { cancellable, toIso } from './cancellable';

export type ResourceSummary = {
  resourceId: string;
  provider: string;
  firstSeen: string;
  lastSeen: string;
  cpu: number | null;
  mem: number | null;
  memoryAvailable: boolean;
  samples: number;
  /** The newest sample's labels; empty when it had none. */
  labels: Record<string, string>;
};

export type ResourceRow = {
  resource_id: string;
  provider: string;
  first_seen: Date | string;
  last_seen: Date | string;
  cpu: number | null;
  mem: number | null;
  memory_available: boolean;
  samples: string | number;
  labels: Record<string, string> | null;
};

export const toSummary = (r: ResourceRow): ResourceSummary => ({
  resourceId: r.resource_id,
  provider: r.provider,
  firstSeen: toIso(r.first_seen),
  lastSeen: toIso(r.last_seen),
  cpu: r.cpu,
  mem: r.mem,
  memoryAvailable: r.memory_available,
  samples: Number(r.samples),
  labels: r.labels ?? {},
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
export async function findResource(
  db: Database,
  resourceId?: string,
  signal?: AbortSignal,
): Promise<ResourceSummary | null> {
  const client = db.$client;
  const query = () =>
    resourceId === undefined
      ? client<ResourceRow[]>`select * from resources order by resource_id limit 1`
      : client<ResourceRow[]>`select * from resources where resource_id = ${resourceId}`;
  const [row] = await cancellable(query, signal);
  return row ? toSummary(row) : null;
}
