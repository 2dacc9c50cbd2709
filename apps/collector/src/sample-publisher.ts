import { MetricSampled, metricSampledMsgId } from '@autoscale/contracts';
import type { BusNames } from '@autoscale/contracts';
import { publishEvent } from '@autoscale/bus';
import type { JetStreamClient } from '@autoscale/bus';
import type { Counters, Logger } from '@autoscale/observability';
import type { JetStreamManager } from '@nats-io/jetstream';
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
    const subject = deps.names.subjects.metricSampled(deps.provider, sample.resourceId);
    const ack = await publishEvent(deps.js, subject, parsed.data, metricSampledMsgId(parsed.data));
    deps.counters.inc(ack.duplicate ? 'duplicates' : 'published');
    return true;
  }

  /** Time of the newest sample already in the stream for this resource, or null. */
  async function lastPublished(resourceId: string): Promise<number | null> {
    const subject = deps.names.subjects.metricSampled(deps.provider, resourceId);
    const stored = await deps.jsm.streams
      .getMessage(deps.names.streams.metrics, { last_by_subj: subject })
      .catch(() => null);
    if (!stored) return null;
    const event = MetricSampled.safeParse(stored.json());
    return event.success ? Date.parse(event.data.ts) : null;
  }

  return { publish, lastPublished };
}

export type SamplePublisher = ReturnType<typeof createSamplePublisher>;
