import { forecastUpdatedMsgId } from '@autoscale/contracts';
import type { BusNames, MetricSampled } from '@autoscale/contracts';
import { publishEvent } from '@autoscale/bus';
import type { JetStreamClient } from '@autoscale/bus';
import { toForecastEvent } from './forecast-event';
import type { SeriesRegistry } from './series-registry';

export type MetricSampledDeps = {
  registry: SeriesRegistry;
  thresholds: { cpu: number; mem: number };
  /** The threshold of one series when a rules file sets it (ALERT_RULES_FILE); else `thresholds`. */
  thresholdFor?: (resourceId: string, metric: 'cpu' | 'mem') => number;
  /** Publishes one forecast; resolves once the stream has stored it. */
  publish: (subject: string, event: unknown, msgId: string) => Promise<unknown>;
  names: BusNames;
};

/**
 * Adds each metric of the sample to its series and publishes a forecast for it. A sample
 * no newer than the series' newest (a redelivery, a replay overlap) changes nothing and
 * publishes nothing, so the handler is idempotent.
 */
export async function handleMetricSampled(event: MetricSampled, deps: MetricSampledDeps): Promise<number> {
  let published = 0;
  for (const [metric, series] of deps.registry.addSample(event)) {
    const forecast = series.forecast(deps.thresholdFor?.(event.resourceId, metric) ?? deps.thresholds[metric]);
    if (!forecast) continue;
    const wire = toForecastEvent(event.resourceId, metric, forecast);
    await deps.publish(deps.names.subjects.forecastUpdated(event.resourceId, metric), wire, forecastUpdatedMsgId(wire));
    published++;
  }
  return published;
}

export const jetStreamPublisher = (js: JetStreamClient) => (subject: string, event: unknown, msgId: string) =>
  publishEvent(js, subject, event, msgId);
