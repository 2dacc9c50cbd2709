import { MetricSampled, metricSampledEvent } from '@autoscale/contracts';
import type { BusNames } from '@autoscale/contracts';
import { lastStoredEvent, publish as publishTyped } from '@autoscale/bus';
import type { JetStreamClient, JetStreamManager } from '@autoscale/bus';
import type { Counters, Logger } from '@autoscale/observability';
import type { ResourceSample } from './providers/provider';

/**
 * Turns provider samples into `metric.sampled` events. A sample the contract rejects
 * (a provider returned NaN or 140 %) is logged and counted, and harms nothing else.
 */
export function createSamplePublisher(deps: {
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: BusNames;
  provider: string;
  log: Logger;
  counters: Counters;
}) {
  async function publish(sample: ResourceSample): Promise<boolean> {
    const candidate = {
      v: 1,
      provider: deps.provider,
      resourceId: sample.resourceId,
      ts: sample.ts.toISOString(),
      metrics: sample.metrics,
      ...(sample.labels ? { labels: sample.labels } : {}),
    };
    const parsed = MetricSampled.safeParse(candidate);
    if (!parsed.success) {
      deps.counters.inc('invalid_samples');
      deps.log.warn({ sample: candidate, issues: parsed.error.issues }, 'provider sample rejected');
      return false;
    }
    const ack = await publishTyped(deps.js, deps.names, metricSampledEvent, parsed.data);
    deps.counters.inc(ack.duplicate ? 'duplicates' : 'published');
    return true;
  }

  /** Time of the newest sample already in the stream for this resource, or null. */
  async function lastPublished(resourceId: string): Promise<number | null> {
    const stored = await lastStoredEvent(deps.jsm, deps.names, metricSampledEvent, { provider: deps.provider, resourceId });
    return stored ? Date.parse(stored.ts) : null;
  }

  return { publish, lastPublished };
}

export type SamplePublisher = ReturnType<typeof createSamplePublisher>;
