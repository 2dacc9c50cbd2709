import { publishEvent } from '@autoscale/bus';
import type { JetStreamClient } from '@autoscale/bus';
import { MetricSampled, metricSampledMsgId } from '@autoscale/contracts';
import type { BusNames } from '@autoscale/contracts';

/**
 * The collector's publishing path (schema check, subject per resource, dedupe id, acked
 * publish) with at most `inFlight` publishes awaiting their ack. `onAck` gets each sample's
 * stream sequence and the time its publish started.
 */
export function createBenchPublisher(js: JetStreamClient, names: BusNames, inFlight = 256) {
  const pending = new Set<Promise<void>>();
  return {
    async publish(event: MetricSampled, onAck?: (seq: number, startedAt: number) => void) {
      while (pending.size >= inFlight) await Promise.race(pending);
      const startedAt = performance.now();
      const parsed = MetricSampled.parse(event);
      const done = publishEvent(js, names.subjects.metricSampled(parsed.provider, parsed.resourceId), parsed, metricSampledMsgId(parsed))
        .then((ack) => onAck?.(ack.seq, startedAt))
        .finally(() => pending.delete(done));
      pending.add(done);
    },
    async flush() {
      await Promise.all(pending);
    },
  };
}

/** A sample of `resourceId` at `ts` (ms), CPU only unless `mem` is given. */
export const benchSample = (resourceId: string, ts: number, cpu: number, mem?: number): MetricSampled => ({
  v: 1,
  provider: 'bench',
  resourceId,
  ts: new Date(ts).toISOString(),
  metrics: mem === undefined ? { cpu } : { cpu, mem },
});
