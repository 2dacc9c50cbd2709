import type { ForecastUpdated, MetricSampled } from '@autoscale/contracts';

/**
 * A CPU forecast of `resourceId` made at `generatedAt`, fine unless `over` says otherwise.
 *
 * @example
 * await upsertForecasts(db, [forecastEvent('web-1', iso, { current: 95 })]);
 */
export const forecastEvent = (
  resourceId: string,
  generatedAt: string,
  over: Partial<ForecastUpdated> = {},
): ForecastUpdated => ({
  v: 1,
  resourceId,
  metric: 'cpu',
  generatedAt,
  model: 'holt',
  threshold: 90,
  current: 40,
  slopePerMin: 0.1,
  breachAt: null,
  breachInMin: null,
  interval: null,
  points: [],
  samples: 30,
  ...over,
});

/**
 * A CPU sample of `resourceId` at `ts`.
 *
 * @example
 * await upsertMetricSamples(db, [sampleEvent('web-1', iso, 'aws', { team: 'web' })]);
 */
export const sampleEvent = (
  resourceId: string,
  ts: string,
  provider = 'aws',
  labels?: Record<string, string>,
): MetricSampled => ({
  v: 1,
  provider,
  resourceId,
  ts,
  metrics: { cpu: 40 },
  ...(labels ? { labels } : {}),
});
