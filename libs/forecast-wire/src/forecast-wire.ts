import type { ForecastUpdated, MetricName } from '@autoscale/contracts';
import type { SeriesForecast } from '@autoscale/forecasting';
import { MS_PER_MIN } from '@autoscale/time-units';

const iso = (t: number) => new Date(t).toISOString();
const isoOrNull = (t: number | null) => (t === null ? null : iso(t));
const ms = (text: string | null | undefined) => (text ? Date.parse(text) : null);
const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * The wire form (`forecast.updated`) of a library forecast: times as ISO strings, values
 * rounded to 3 decimals, the breach as `breachAt` + `interval`.
 *
 * @example
 * const event = toForecastEvent('web-01', 'cpu', series.forecast(90)!);
 */
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
    breachInMin: likely === null ? null : round((likely - f.t) / MS_PER_MIN),
    interval: f.breach ? { earliest: isoOrNull(f.breach.earliest), latest: isoOrNull(f.breach.latest) } : null,
    points: f.points.map((p) => ({ ts: iso(p.t), value: round(p.value), lo: round(p.lo), hi: round(p.hi) })),
    samples: f.samples,
    ...(f.breachProbability ? { breachProbability: f.breachProbability } : {}),
  };
}

/**
 * The library forecast a `forecast.updated` event was made from (to wire precision), so the
 * alert rule sees exactly what the backtest gives it.
 *
 * @example
 * const observation = alertObservationFromForecast(fromForecastEvent(event));
 */
export function fromForecastEvent(event: ForecastUpdated): SeriesForecast {
  const breach =
    event.interval === null && event.breachAt === null
      ? null
      : { earliest: ms(event.interval?.earliest), likely: ms(event.breachAt), latest: ms(event.interval?.latest) };
  return {
    t: Date.parse(event.generatedAt),
    model: event.model,
    current: event.current,
    slopePerMin: event.slopePerMin,
    threshold: event.threshold,
    breach,
    points: event.points.map((p) => ({ t: Date.parse(p.ts), value: p.value, lo: p.lo, hi: p.hi })),
    samples: event.samples,
    ...(event.breachProbability ? { breachProbability: event.breachProbability } : {}),
  };
}
