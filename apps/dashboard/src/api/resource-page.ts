/**
 * A page of `/api/resources` as the overview draws it: each row with its forecasts in the
 * views' shape, kept current by the live stream while it is shown.
 */
import type { ResourcePage, ResourceRow } from '@autoscale/http-contract';
import { toForecastSummary, worse } from './forecast-summary';
import type { ForecastSummary, Metric, ResourceStatus } from './forecast-summary';

export type PageRow = {
  resourceId: string;
  provider: string;
  /** ms since epoch of its newest sample. */
  lastSeen: number;
  cpu: number | null;
  mem: number | null;
  memoryAvailable: boolean;
  samples: number;
  /** Samples needed before the first forecast. */
  needed: number;
  status: ResourceStatus;
  forecasts: Partial<Record<Metric, ForecastSummary>>;
};

export type PageView = { total: number; next: string | null; rows: PageRow[]; etag: string | null };

/**
 * The rows of a page, in the gateway's order (worst first); the status is the gateway's.
 *
 * @example
 * const view = toPageView(answer.body, answer.etag);
 */
export function toPageView(page: ResourcePage, etag: string | null): PageView {
  return { total: page.total, next: page.next, rows: page.resources.map(toPageRow), etag };
}

function toPageRow(r: ResourceRow): PageRow {
  const forecasts: PageRow['forecasts'] = {};
  for (const brief of r.forecasts) forecasts[brief.metric] = toForecastSummary({ ...brief, resourceId: r.resourceId });
  return {
    resourceId: r.resourceId,
    provider: r.provider,
    lastSeen: Date.parse(r.lastSeen),
    cpu: r.cpu,
    mem: r.mem,
    memoryAvailable: r.memoryAvailable,
    samples: r.samples,
    needed: r.needed,
    status: r.status,
    forecasts,
  };
}

/** The worse of the row's metrics; warming up before any forecast. */
function statusOf(row: PageRow): ResourceStatus {
  const statuses = Object.values(row.forecasts).map((f): ResourceStatus => f.status);
  return statuses.length === 0 ? 'warming_up' : statuses.reduce(worse);
}

/**
 * Applies a live forecast to a row shown: its metric's forecast, newest value and status.
 * A forecast older than the one the row holds changes nothing (returns false).
 */
export function applyForecast(row: PageRow, forecast: ForecastSummary): boolean {
  const held = row.forecasts[forecast.metric];
  if (held && held.generatedAt > forecast.generatedAt) return false;
  row.forecasts[forecast.metric] = forecast;
  if (forecast.generatedAt >= row.lastSeen) {
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
