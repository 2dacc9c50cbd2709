import type { ForecastPoint, MetricName } from '@autoscale/contracts';
import type { Database } from '../client';
import { cancellable, toIso } from './cancellable';

/** A stored forecast as the API shows it; `points` only when asked for (the chart). */
export type ForecastView = {
  resourceId: string;
  metric: MetricName;
  generatedAt: string;
  model: string;
  threshold: number;
  current: number;
  slopePerMin: number;
  breachAt: string | null;
  breachInMin: number | null;
  interval: { earliest: string | null; latest: string | null } | null;
  points?: ForecastPoint[];
  samples: number;
};

export type ForecastRow = {
  resource_id: string;
  metric: MetricName;
  generated_at: Date | string;
  model: string;
  threshold: number;
  current: number;
  slope_per_min: number;
  breach_at: Date | string | null;
  breach_in_min: number | null;
  interval_earliest: Date | string | null;
  interval_latest: Date | string | null;
  points?: ForecastPoint[];
  samples: number;
};

/** A utilisation is a percentage: a band reaching below 0 or past 100 is drawn at the edge. */
const percent = (n: number) => Math.min(100, Math.max(0, n));
const clampPoint = (p: ForecastPoint): ForecastPoint => ({
  ts: p.ts,
  value: percent(p.value),
  lo: percent(p.lo),
  hi: percent(p.hi),
});
const iso = (d: Date | string | null) => (d ? toIso(d) : null);

function toView(r: ForecastRow): ForecastView {
  return {
    resourceId: r.resource_id,
    metric: r.metric,
    generatedAt: toIso(r.generated_at),
    model: r.model,
    threshold: r.threshold,
    current: r.current,
    slopePerMin: r.slope_per_min,
    breachAt: iso(r.breach_at),
    breachInMin: r.breach_in_min,
    interval: r.interval_earliest ? { earliest: iso(r.interval_earliest), latest: iso(r.interval_latest) } : null,
    ...(r.points ? { points: r.points.map(clampPoint) } : {}),
    samples: r.samples,
  };
}

export type ForecastQuery = {
  /** One resource's forecasts; every resource's when undefined. */
  resourceId?: string | undefined;
  /** Include the chart points (clamped to 0–100). Without them the jsonb column is not read. */
  points: boolean;
};

/**
 * The latest forecast of each metric, of one resource or of all, by resource and metric.
 *
 * @example
 * const summaries = await latestForecasts(db, { points: false });
 * const chart = await latestForecasts(db, { resourceId: 'web-1', points: true }, request.signal);
 */
export async function latestForecasts(
  db: Database,
  query: ForecastQuery,
  signal?: AbortSignal,
): Promise<ForecastView[]> {
  const client = db.$client;
  const rows = await cancellable(
    () => client<ForecastRow[]>`
      select resource_id, metric, generated_at, model, threshold, current, slope_per_min, breach_at,
        breach_in_min, interval_earliest, interval_latest, samples ${query.points ? client`, points` : client``}
      from forecasts ${query.resourceId === undefined ? client`` : client`where resource_id = ${query.resourceId}`}
      order by resource_id, metric`,
    signal,
  );
  return rows.map(toView);
}

export type WarmingUp = { resourceId: string; samples: number };

/**
 * Resources sampled but without any forecast yet, with how many samples they have.
 *
 * @example
 * const waiting = await warmingUpResources(db);
 */
export async function warmingUpResources(db: Database, signal?: AbortSignal): Promise<WarmingUp[]> {
  const client = db.$client;
  const rows = await cancellable(
    () => client<Array<{ resource_id: string; samples: string | number }>>`
      select r.resource_id, r.samples from resources r
      where not exists (select 1 from forecasts f where f.resource_id = r.resource_id)
      order by r.resource_id`,
    signal,
  );
  return rows.map((r) => ({ resourceId: r.resource_id, samples: Number(r.samples) }));
}
