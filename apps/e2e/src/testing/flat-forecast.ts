import type { ForecastUpdated } from '@autoscale/contracts';
import { forecastEvent } from '@autoscale/db/testing';

/** A forecast with no trend and no breach for `resourceId`'s cpu at `at`: a status to show. */
export const flatForecast = (resourceId: string, at: number, current: number): ForecastUpdated =>
  forecastEvent(resourceId, new Date(at).toISOString(), { current, slopePerMin: 0, samples: 50 });
