/**
 * The overview's one read: a page of `/api/resources` (worst first, filtered and counted on
 * the server), each row with its latest forecasts. Sends the page's ETag back, so an
 * unchanged page costs a `304` and no parsing.
 */
import { ApiFailure } from './client';
import { toForecastSummary, worse } from './forecast-summary';
import type { ForecastSummary, Metric, ResourceStatus } from './forecast-summary';

export type PageRow = {
  resourceId: string;
  provider: string;
  lastSeen: number | null;
  cpu: number | null;
  mem: number | null;
  memoryAvailable: boolean;
  samples: number | null;
  needed: number | null;
  status: ResourceStatus;
  forecasts: Partial<Record<Metric, ForecastSummary>>;
};

export type ResourcePageView = { total: number; next: string | null; rows: PageRow[]; etag: string | null };

export type PageQuery = { id?: string; cursor?: string | null; limit?: number };

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A page, or `unchanged` when the server says the page behind `etag` still stands. */
export async function fetchResourcePage(query: PageQuery, etag?: string | null): Promise<ResourcePageView | 'unchanged'> {
  const params = new URLSearchParams({ limit: String(query.limit ?? 50) });
  if (query.id) params.set('id', query.id);
  if (query.cursor) params.set('cursor', query.cursor);
  const res = await fetch(`/api/resources?${params}`, { headers: { accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) } });
  if (res.status === 304) return 'unchanged';
  if (!res.ok) throw new ApiFailure(res.status, 'http_error', `the gateway answered ${res.status}`);
  const body = (await res.json()) as Json;
  const list = Array.isArray(body['resources']) ? (body['resources'] as Json[]) : [];
  return {
    total: num(body['total']) ?? list.length,
    next: typeof body['next'] === 'string' ? body['next'] : null,
    rows: list.filter((r) => typeof r['resourceId'] === 'string').map(toRow),
    etag: res.headers.get('etag'),
  };
}

function toRow(r: Json): PageRow {
  const resourceId = r['resourceId'] as string;
  const row: PageRow = {
    resourceId,
    provider: typeof r['provider'] === 'string' ? r['provider'] : '',
    lastSeen: typeof r['lastSeen'] === 'string' ? Date.parse(r['lastSeen']) : null,
    cpu: num(r['cpu']),
    mem: num(r['mem']),
    memoryAvailable: r['memoryAvailable'] !== false,
    samples: num(r['samples']),
    needed: num(r['needed']),
    status: 'warming_up',
    forecasts: {},
  };
  for (const f of Array.isArray(r['forecasts']) ? (r['forecasts'] as Json[]) : []) {
    const summary = toForecastSummary({ ...f, resourceId });
    if (summary) row.forecasts[summary.metric] = summary;
  }
  row.status = statusOf(row);
  return row;
}

/** The worse of the row's metrics; warming up before any forecast. */
export function statusOf(row: PageRow): ResourceStatus {
  const statuses = Object.values(row.forecasts).map((f) => f.status);
  return statuses.length === 0 ? 'warming_up' : statuses.reduce(worse);
}

/**
 * Applies a live forecast to a row shown: its metric's forecast, newest value and status.
 * An older forecast than the row holds changes nothing.
 */
export function applyForecast(row: PageRow, forecast: ForecastSummary): boolean {
  const held = row.forecasts[forecast.metric];
  if (held && (held.generatedAt ?? 0) > (forecast.generatedAt ?? 0)) return false;
  row.forecasts[forecast.metric] = forecast;
  if (forecast.current !== null && (forecast.generatedAt ?? 0) >= (row.lastSeen ?? 0)) {
    row[forecast.metric] = forecast.current;
    row.lastSeen = forecast.generatedAt;
  }
  row.status = statusOf(row);
  return true;
}

/** The soonest predicted breach of the row, of either metric. */
export const soonestBreach = (row: PageRow): ForecastSummary | undefined =>
  Object.values(row.forecasts)
    .filter((f) => f.breachAt !== null)
    .sort((a, b) => a.breachAt! - b.breachAt!)[0];
