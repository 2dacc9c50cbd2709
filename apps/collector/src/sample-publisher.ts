import { clampPercent, metricSampledEvent, metricSampledSchema } from '@autoscale/contracts';
import type { BusNames, TimeBounds } from '@autoscale/contracts';
import { PermanentError, lastStoredEvent, publishEvent } from '@autoscale/bus';
import type { JetStreamClient, JetStreamManager } from '@autoscale/bus';
import type { Counters, Logger } from '@autoscale/observability';
import type { ResourceSample } from './providers/provider';

/**
 * Turns provider samples into `metric.sampled` events. A percentage a hair past 100 is
 * clamped; a sample the contract refuses (NaN, 140 %, a NUL, a time from the future) is
 * counted, its reason logged once per resource and reason, and harms nothing else.
 */
export function createSamplePublisher(deps: {
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: BusNames;
  provider: string;
  log: Logger;
  counters: Counters;
  bounds: TimeBounds;
}) {
  const schema = metricSampledSchema(deps.bounds);
  const refusals = new Set<string>();

  function refuse(candidate: { resourceId: string }, reason: string) {
    deps.counters.inc('invalid_samples');
    const key = `${candidate.resourceId}\u0000${reason}`;
    if (refusals.has(key)) return;
    if (refusals.size < 10_000) refusals.add(key);
    deps.log.warn({ resourceId: candidate.resourceId.slice(0, 256), reason }, 'provider sample refused (logged once)');
  }

  async function publish(sample: ResourceSample): Promise<boolean> {
    const candidate = {
      v: 1,
      provider: deps.provider,
      resourceId: sample.resourceId,
      ts: sample.ts.toISOString(),
      metrics: clampMetrics(sample.metrics),
      ...(sample.labels ? { labels: sample.labels } : {}),
    };
    const parsed = schema.safeParse(candidate);
    if (!parsed.success) {
      refuse(candidate, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return false;
    }
    // Already checked against the contract (with the clock bounds): published as it is, not validated twice.
    const event = parsed.data;
    const subject = metricSampledEvent.subject(deps.names, event);
    const ack = await publishEvent(deps.js, subject, event, metricSampledEvent.msgId(event)).catch((error: unknown) => {
      if (error instanceof PermanentError) return refuse(candidate, error.message);
      throw error;
    });
    if (!ack) return false;
    deps.counters.inc(ack.duplicate ? 'duplicates' : 'published');
    return true;
  }

  /** Time of the newest sample already in the stream for this resource, or null. */
  async function lastPublished(resourceId: string): Promise<number | null> {
    const stored = await lastStoredEvent(deps.jsm, deps.names, metricSampledEvent, {
      provider: deps.provider,
      resourceId,
    });
    return stored ? Date.parse(stored.ts) : null;
  }

  return { publish, lastPublished };
}

function clampMetrics(metrics: ResourceSample['metrics']): ResourceSample['metrics'] {
  const out: ResourceSample['metrics'] = {};
  if (metrics.cpu !== undefined) out.cpu = clampPercent(metrics.cpu);
  if (metrics.mem !== undefined) out.mem = clampPercent(metrics.mem);
  return out;
}

export type SamplePublisher = ReturnType<typeof createSamplePublisher>;
