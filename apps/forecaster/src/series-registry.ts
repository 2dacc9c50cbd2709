import { createSeriesForecaster } from '@autoscale/forecasting';
import type { SeriesForecaster, SeriesForecasterOptions } from '@autoscale/forecasting';
import { METRIC_NAMES } from '@autoscale/contracts';
import type { MetricName, MetricSampled } from '@autoscale/contracts';

/** One bounded forecaster per (resource, metric), created on first sight. */
export function createSeriesRegistry(options: Partial<SeriesForecasterOptions>) {
  const series = new Map<string, SeriesForecaster>();

  function get(resourceId: string, metric: MetricName): SeriesForecaster {
    const key = `${resourceId}\u0000${metric}`;
    let found = series.get(key);
    if (!found) {
      found = createSeriesForecaster(options);
      series.set(key, found);
    }
    return found;
  }

  /**
   * Adds each metric of a sample to its series; returns the series that took it (a sample
   * no newer than a series' newest is ignored by that series).
   */
  function addSample(event: MetricSampled): Array<[MetricName, SeriesForecaster]> {
    const t = Date.parse(event.ts);
    const added: Array<[MetricName, SeriesForecaster]> = [];
    for (const metric of METRIC_NAMES) {
      const value = event.metrics[metric];
      if (value === undefined) continue;
      const target = get(event.resourceId, metric);
      if (target.add({ t, value })) added.push([metric, target]);
    }
    return added;
  }

  return { get, addSample, size: () => series.size };
}

export type SeriesRegistry = ReturnType<typeof createSeriesRegistry>;
