import type { MetricName } from '@autoscale/contracts';
import type { Forecast } from '@autoscale/http-contract';

/**
 * A forecast as the views draw it: times in ms, the band clamped to 0–100, and the status it
 * gives its resource. Built from the gateway's `Forecast` (`/api/forecast`), a row's
 * `ForecastBrief` (`/api/resources`, no points); the live stream's ForecastUpdated has every
 * field of a `Forecast`.
 */

export type Metric = MetricName;

/** `unknown`: the page's first reads have not answered yet. */
export type ResourceStatus = 'breached' | 'forecast_breach' | 'warming_up' | 'ok' | 'unknown';

export type ForecastPoint = { ts: number; value: number; lo: number; hi: number };

export type ForecastSummary = {
  resourceId: string;
  metric: Metric;
  /** ms since epoch of the newest sample the forecast was made from. */
  generatedAt: number;
  current: number;
  threshold: number;
  model: string;
  breachAt: number | null;
  earliest: number | null;
  latest: number | null;
  status: 'breached' | 'forecast_breach' | 'ok';
  samples: number;
  points: ForecastPoint[];
};

/** What a summary is made of: a `Forecast` of `/api/forecast` or the live stream, or a page row's `ForecastBrief` with its resource. */
export type ForecastFields = Pick<
  Forecast,
  | 'resourceId'
  | 'metric'
  | 'generatedAt'
  | 'current'
  | 'threshold'
  | 'model'
  | 'breachAt'
  | 'interval'
  | 'samples'
  | 'points'
>;

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);
const clampPct = (v: number) => Math.min(100, Math.max(0, v));

/** What the numbers say: at or above the threshold now, a crossing forecast, or neither. */
function statusOf(f: ForecastFields): ForecastSummary['status'] {
  if (f.current >= f.threshold) return 'breached';
  return f.breachAt === null ? 'ok' : 'forecast_breach';
}

/**
 * One forecast in the views' shape.
 *
 * @example
 * const summary = toForecastSummary(body.forecasts[0]);
 */
export function toForecastSummary(f: ForecastFields): ForecastSummary {
  return {
    resourceId: f.resourceId,
    metric: f.metric,
    generatedAt: Date.parse(f.generatedAt),
    current: f.current,
    threshold: f.threshold,
    model: f.model,
    breachAt: time(f.breachAt),
    earliest: time(f.interval?.earliest),
    latest: time(f.interval?.latest),
    status: statusOf(f),
    samples: f.samples,
    // The gateway clamps the band; the live stream's forecasts are the forecaster's own.
    points: (f.points ?? []).map((p) => ({
      ts: Date.parse(p.ts),
      value: clampPct(p.value),
      lo: clampPct(p.lo),
      hi: clampPct(p.hi),
    })),
  };
}

/** Worst first: what needs a person now comes first. */
export const STATUS_RANK: Record<ResourceStatus, number> = {
  breached: 0,
  forecast_breach: 1,
  warming_up: 2,
  ok: 3,
  unknown: 4,
};

export const STATUS_LABEL: Record<ResourceStatus, string> = {
  breached: 'breached',
  forecast_breach: 'forecast breach',
  warming_up: 'warming up',
  ok: 'ok',
  unknown: 'loading…',
};

/** The worse of two statuses. */
export const worse = (a: ResourceStatus, b: ResourceStatus): ResourceStatus =>
  STATUS_RANK[a] <= STATUS_RANK[b] ? a : b;
