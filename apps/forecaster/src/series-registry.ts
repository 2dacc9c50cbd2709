import { createSeriesForecaster } from '@autoscale/forecasting';
import type { SeriesForecaster, SeriesForecasterOptions } from '@autoscale/forecasting';
import type { MetricName } from '@autoscale/contracts';

/** One bounded forecaster per (resource, metric), created on first sight. */
export function createSeriesRegistry(options: Partial<SeriesForecasterOptions>) {
  const series = new Map<string, SeriesForecaster>();
  return {
    get(resourceId: string, metric: MetricName): SeriesForecaster {
      const key = `${resourceId}\u0000${metric}`;
      let found = series.get(key);
      if (!found) {
        found = createSeriesForecaster(options);
        series.set(key, found);
      }
      return found;
    },
    size: () => series.size,
  };
}

export type SeriesRegistry = ReturnType<typeof createSeriesRegistry>;
