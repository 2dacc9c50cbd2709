import { createPublishWindow, publishEvent } from '@autoscale/bus';
import type { JetStreamClient } from '@autoscale/bus';
import { MetricSampled, metricSampledMsgId } from '@autoscale/contracts';
import type { BusNames } from '@autoscale/contracts';

/**
 * The collector's publishing path (schema check, subject per resource, dedupe id, acked
 * publish) through the bus' publish window: at most `inFlight` publishes awaiting their ack. `onAck` gets each sample's
 * stream sequence and the time its publish started.
 */
export function createBenchPublisher(js: JetStreamClient, names: BusNames, inFlight = 256) {
  const window = createPublishWindow(inFlight);
  return {
    async publish(event: MetricSampled, onAck?: (seq: number, startedAt: number) => void) {
      await window.submit(() => {
        const startedAt = performance.now();
        const parsed = MetricSampled.parse(event);
        return publishEvent(js, names.subjects.metricSampled(parsed.provider, parsed.resourceId), parsed, metricSampledMsgId(parsed)).then((ack) =>
          onAck?.(ack.seq, startedAt),
        );
      });
    },
    flush: () => window.flush(),
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
