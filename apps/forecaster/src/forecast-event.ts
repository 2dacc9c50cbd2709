import type { ForecastUpdated, MetricName } from '@autoscale/contracts';
import type { SeriesForecast } from '@autoscale/forecasting';

const iso = (t: number) => new Date(t).toISOString();
const isoOrNull = (t: number | null) => (t === null ? null : iso(t));
const round = (v: number) => Math.round(v * 1000) / 1000;

/** The wire form of a library forecast. */
export function toForecastEvent(resourceId: string, metric: MetricName, f: SeriesForecast): ForecastUpdated {
  const likely = f.breach?.likely ?? null;
  return {
    v: 1,
    resourceId,
    metric,
    generatedAt: iso(f.t),
    model: f.model,
    threshold: f.threshold,
    current: f.current,
    slopePerMin: round(f.slopePerMin),
    breachAt: isoOrNull(likely),
    breachInMin: likely === null ? null : round((likely - f.t) / 60_000),
    interval: f.breach ? { earliest: isoOrNull(f.breach.earliest), latest: isoOrNull(f.breach.latest) } : null,
    points: f.points.map((p) => ({ ts: iso(p.t), value: round(p.value), lo: round(p.lo), hi: round(p.hi) })),
    samples: f.samples,
    ...(f.breachProbability ? { breachProbability: f.breachProbability } : {}),
  };
}
