import type { MetricName } from '@autoscale/contracts';
import type { Database } from '../client';
import { cancellable, toIso } from './cancellable';
import type { ForecastRow } from './forecast-views.repository';
import { toSummary } from './resources.repository';
import type { ResourceRow, ResourceSummary } from './resources.repository';

/** A resource's state, worst first: a breach now, a breach forecast, no forecast yet, fine. */
export type ResourceStatus = 'breached' | 'forecast_breach' | 'warming_up' | 'ok';

/** The rank each status sorts by (worst first); `warming_up` is a resource with no forecast. */
export const STATUS_RANK: Record<ResourceStatus, number> = { breached: 0, forecast_breach: 1, warming_up: 3, ok: 4 };
const STATUS_OF_RANK = Object.fromEntries(Object.entries(STATUS_RANK).map(([s, r]) => [r, s])) as Record<
  number,
  ResourceStatus
>;

export type ResourceSort = 'worst' | 'id';

/** Where the next page starts: the sort key of the last row of this one. */
export type ResourcePageCursor = { rank: number; soonest: number; resourceId: string };

export type ResourcePageQuery = {
  limit: number;
  sort: ResourceSort;
  after?: ResourcePageCursor | undefined;
  /** A glob on the resource id: `*` any run of characters, `?` one. */
  idGlob?: string | undefined;
  provider?: string | undefined;
  /** Every label given must be on the resource's newest sample with that value. */
  labels?: Record<string, string> | undefined;
  status?: readonly ResourceStatus[] | undefined;
};

/** One metric's latest forecast, as a resource row carries it (no chart points). */
export type ForecastBrief = {
  metric: MetricName;
  generatedAt: string;
  model: string;
  threshold: number;
  current: number;
  breachAt: string | null;
  interval: { earliest: string | null; latest: string | null } | null;
  samples: number;
};

export type ResourceRowView = ResourceSummary & {
  labels: Record<string, string> | null;
  status: ResourceStatus;
  /** The soonest predicted breach of either metric. */
  breachAt: string | null;
  forecasts: ForecastBrief[];
};

export type ResourcePage = { total: number; resources: ResourceRowView[]; next: ResourcePageCursor | null };

type PageRow = ResourceRow & {
  labels: Record<string, string> | null;
  rank: number;
  soonest: Date | string | null;
  soonest_key: Date | string;
  total: string | number;
};

type BriefRow = Omit<ForecastRow, 'slope_per_min' | 'breach_in_min' | 'points'>;

/** A glob as a LIKE pattern: `*` → `%`, `?` → `_`, LIKE's own wildcards taken literally. */
export const globToLike = (glob: string) =>
  glob
    .replace(/[\\%_]/g, (c) => `\\${c}`)
    .replace(/\*/g, '%')
    .replace(/\?/g, '_');

/** No breach sorts after every breach: the cursor holds it as this (far-future) time. */
const NO_BREACH = Date.parse('9999-12-31T00:00:00Z');

/**
 * One page of the resources, filtered and sorted in PostgreSQL: worst first (breached, then
 * a forecast breach soonest first, then warming up, then fine; by id within), or by id. Each
 * row carries its metrics' latest forecasts without chart points; `total` counts every
 * resource the filters match, and `next` is where the following page starts (null on the
 * last). Two queries whatever the fleet's size: the page (with its count) and its forecasts.
 *
 * @example
 * const first = await resourcePage(db, { limit: 50, sort: 'worst', status: ['breached'] });
 * const second = first.next && (await resourcePage(db, { limit: 50, sort: 'worst', after: first.next }));
 */
export async function resourcePage(
  db: Database,
  query: ResourcePageQuery,
  signal?: AbortSignal,
): Promise<ResourcePage> {
  const sql = db.$client;
  const worst = query.sort === 'worst';
  const filters = [
    query.idGlob === undefined ? null : sql`r.resource_id like ${globToLike(query.idGlob)}`,
    query.provider === undefined ? null : sql`r.provider = ${query.provider}`,
    query.labels === undefined ? null : sql`r.labels @> ${JSON.stringify(query.labels)}::jsonb`,
  ].filter((f) => f !== null);
  const where = filters.reduce((acc, f) => sql`${acc} and ${f}`, sql`true`);
  const ranks = query.status?.map((s) => STATUS_RANK[s]);
  const after = query.after;
  const afterClause = (() => {
    if (!after) return sql``;
    if (!worst) return sql`where resource_id > ${after.resourceId}`;
    return sql`where (rank, soonest_key, resource_id) > (${after.rank}::int, ${new Date(after.soonest).toISOString()}::timestamptz, ${after.resourceId})`;
  })();
  const order = worst ? sql`rank, soonest_key, resource_id` : sql`resource_id`;
  const rows = await cancellable(
    () => sql<PageRow[]>`
      with f as (
        select resource_id,
          min(case when current >= threshold then 0 when breach_at is not null then 1 else 4 end)::int as rank,
          min(breach_at) as soonest
        from forecasts group by resource_id
      ), ranked as (
        select r.resource_id, r.provider, r.first_seen, r.last_seen, r.cpu, r.mem, r.memory_available, r.samples, r.labels,
          coalesce(f.rank, 3) as rank, f.soonest, coalesce(f.soonest, ${new Date(NO_BREACH).toISOString()}::timestamptz) as soonest_key
        from resources r left join f using (resource_id)
        where ${where}
      ), counted as (
        select *, count(*) over () as total from ranked ${ranks ? sql`where rank = any(${ranks}::int[])` : sql``}
      )
      select * from counted ${afterClause} order by ${order} limit ${query.limit + 1}`,
    signal,
  );
  const page = rows.slice(0, query.limit);
  const briefs = await forecastBriefs(
    db,
    page.map((r) => r.resource_id),
    signal,
  );
  const last = page.at(-1);
  return {
    total: Number(rows[0]?.total ?? (after ? await countOnly(db, query, signal) : 0)),
    resources: page.map((r) => toRow(r, briefs.get(r.resource_id) ?? [])),
    next:
      rows.length > query.limit && last
        ? { rank: last.rank, soonest: Date.parse(toIso(last.soonest_key)), resourceId: last.resource_id }
        : null,
  };
}

/** The count of a query past its last page (no row left to carry it). */
async function countOnly(db: Database, query: ResourcePageQuery, signal?: AbortSignal): Promise<number> {
  const page = await resourcePage(db, { ...query, after: undefined, limit: 0 }, signal);
  return page.total;
}

async function forecastBriefs(
  db: Database,
  ids: string[],
  signal?: AbortSignal,
): Promise<Map<string, ForecastBrief[]>> {
  const byResource = new Map<string, ForecastBrief[]>();
  if (ids.length === 0) return byResource;
  const sql = db.$client;
  const rows = await cancellable(
    () => sql<BriefRow[]>`
      select resource_id, metric, generated_at, model, threshold, current, breach_at, interval_earliest, interval_latest, samples
      from forecasts where resource_id = any(${ids}::text[]) order by resource_id, metric`,
    signal,
  );
  for (const r of rows) {
    const list = byResource.get(r.resource_id) ?? [];
    list.push({
      metric: r.metric,
      generatedAt: toIso(r.generated_at),
      model: r.model,
      threshold: r.threshold,
      current: r.current,
      breachAt: r.breach_at ? toIso(r.breach_at) : null,
      interval: r.interval_earliest
        ? { earliest: toIso(r.interval_earliest), latest: r.interval_latest ? toIso(r.interval_latest) : null }
        : null,
      samples: r.samples,
    });
    byResource.set(r.resource_id, list);
  }
  return byResource;
}

function toRow(r: PageRow, forecasts: ForecastBrief[]): ResourceRowView {
  return {
    ...toSummary(r),
    status: STATUS_OF_RANK[r.rank] ?? 'ok',
    breachAt: r.soonest ? toIso(r.soonest) : null,
    forecasts,
  };
}
