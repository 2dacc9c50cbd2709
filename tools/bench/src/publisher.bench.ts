import { createPublishWindow, publishEvent } from '@autoscale/bus';
import type { JetStreamClient } from '@autoscale/bus';
import { MetricSampled, metricSampledMsgId } from '@autoscale/contracts';
import type { BusNames } from '@autoscale/contracts';
import { createLogger, retryWithBackoff } from '@autoscale/observability';

/**
 * The collector's publishing path (schema check, subject per resource, dedupe id, acked
 * publish, retried with backoff, a resource's samples one after the other) through the bus'
 * publish window: at most `inFlight` publishes awaiting their ack. `onAck` gets each
 * sample's stream sequence and the time its publish started.
 */
export function createBenchPublisher(js: JetStreamClient, names: BusNames, inFlight = 256) {
  const window = createPublishWindow(inFlight);
  // A publish timing out on a loaded machine is retried, as the collector does, instead of ending the run.
  const log = createLogger('bench-publisher', 'error');
  const send = (event: MetricSampled, onAck?: (seq: number, startedAt: number) => void) => () => {
    const startedAt = performance.now();
    const parsed = MetricSampled.parse(event);
    const subject = names.subjects.metricSampled(parsed.provider, parsed.resourceId);
    return retryWithBackoff(() => publishEvent(js, subject, parsed, metricSampledMsgId(parsed)), {
      what: 'JetStream publish',
      log,
    }).then((ack) => onAck?.(ack.seq, startedAt));
  };
  return {
    publish: (event: MetricSampled, onAck?: (seq: number, startedAt: number) => void) =>
      window.submit(send(event, onAck), event.resourceId),
    /** A batch at once, as the collector publishes a replay's batch. */
    publishAll: (events: readonly MetricSampled[]) =>
      window.submitAll(events.map((event) => ({ task: send(event), key: event.resourceId }))),
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
