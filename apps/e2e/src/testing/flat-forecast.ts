import type { ForecastUpdated } from '@autoscale/contracts';

/** A forecast with no trend and no breach for `resourceId`'s cpu at `at`: a status to show. */
export const flatForecast = (resourceId: string, at: number, current: number): ForecastUpdated => ({
  v: 1,
  resourceId,
  metric: 'cpu',
  generatedAt: new Date(at).toISOString(),
  model: 'holt',
  threshold: 90,
  current,
  slopePerMin: 0,
  breachAt: null,
  breachInMin: null,
  interval: null,
  points: [],
  samples: 50,
});
