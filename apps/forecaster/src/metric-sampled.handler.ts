import type { ForecastUpdated, MetricSampled } from '@autoscale/contracts';
import { toForecastEvent } from '@autoscale/forecast-wire';
import type { SeriesRegistry } from './series-registry';

export type MetricSampledDeps = {
  registry: SeriesRegistry;
  thresholds: { cpu: number; mem: number };
  /** The threshold of one series when a rules file sets it (ALERT_RULES_FILE); else `thresholds`. */
  thresholdFor?: (resourceId: string, metric: 'cpu' | 'mem', labels?: Readonly<Record<string, string>>) => number;
  /**
   * Told how many metric values were not forecast because they were no newer than their
   * series' newest (a redelivery, or a sample that arrived out of order after a handover).
   */
  onSkipped?: (count: number) => void;
};

/**
 * Adds each sample of a batch, in stream order, to its series and returns the forecasts
 * to publish (one per metric a sample has, once the series has enough samples). A sample
 * no newer than its series' newest (a redelivery, a replay overlap) changes nothing and
 * yields nothing, so handling a batch twice publishes nothing new.
 */
export function forecastsForSamples(events: readonly MetricSampled[], deps: MetricSampledDeps): ForecastUpdated[] {
  const out: ForecastUpdated[] = [];
  let skipped = 0;
  for (const event of events) {
    const added = deps.registry.addSample(event);
    skipped += Object.values(event.metrics).filter((v) => v !== undefined).length - added.length;
    for (const [metric, series] of added) {
      const forecast = series.forecast(
        deps.thresholdFor?.(event.resourceId, metric, event.labels) ?? deps.thresholds[metric],
      );
      if (!forecast) continue;
      const labels = event.labels && Object.keys(event.labels).length > 0 ? { labels: event.labels } : {};
      out.push({ ...toForecastEvent(event.resourceId, metric, forecast), ...labels });
    }
  }
  if (skipped > 0) deps.onSkipped?.(skipped);
  return out;
}
