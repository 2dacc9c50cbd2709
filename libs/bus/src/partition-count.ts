import type { JetStreamManager, StreamInfo } from '@nats-io/jetstream';
import { busNames } from '@autoscale/contracts';
import type { BusNames } from '@autoscale/contracts';
import { NotRetryableError } from '@autoscale/observability';

/**
 * The METRICS stream's description records the partition count the system runs with, so a
 * service started with another `FORECASTER_PARTITIONS` is refused instead of publishing to
 * partitions nobody consumes or deleting partition durables that still hold samples.
 */
export const partitionCountRecord = (partitions: number) =>
  `AutoScale CIRM samples; FORECASTER_PARTITIONS=${partitions}`;

const RECORDED = /FORECASTER_PARTITIONS=(\d+)/;

/** The partition count recorded on the METRICS stream; null for a stream that records none. */
export function recordedPartitionCount(info: StreamInfo | null): number | null {
  const match = RECORDED.exec(info?.config.description ?? '');
  return match ? Number(match[1]) : null;
}

/** FORECASTER_PARTITIONS differs from the system's while samples still wait in its partitions. */
export class PartitionCountMismatchError extends NotRetryableError {
  override name = 'PartitionCountMismatchError';
}

/**
 * Throws {@link PartitionCountMismatchError} when the system records another partition count
 * and a forecaster or alerter durable of that count still holds unhandled messages. A
 * drained system may change its count (README: Scaling past one machine); the caller then
 * records the new one.
 */
export async function assertPartitionCount(jsm: JetStreamManager, names: BusNames, metrics: StreamInfo | null) {
  const recorded = recordedPartitionCount(metrics);
  if (recorded === null || recorded === names.partitions) return;
  const old = busNames(names.namespace, recorded);
  let waiting = 0;
  for (let p = 0; p < recorded; p++) {
    for (const [stream, durable] of [
      [old.streams.metrics, old.durables.forecaster(p)],
      [old.streams.forecasts, old.durables.alerter(p)],
    ] as const) {
      const info = await jsm.consumers.info(stream, durable).catch(() => null);
      waiting += info ? info.num_pending + info.num_ack_pending : 0;
    }
  }
  if (waiting === 0) return;
  throw new PartitionCountMismatchError(
    `FORECASTER_PARTITIONS is ${names.partitions} but the system runs with ${recorded}, whose partitions still hold ${waiting} ` +
      `unhandled ${waiting === 1 ? 'message' : 'messages'}: set FORECASTER_PARTITIONS=${recorded} in every service, or, to change the count, stop the collectors, ` +
      `let the forecasters and alerters drain, then start every service with the new count (README: Scaling past one machine)`,
  );
}
