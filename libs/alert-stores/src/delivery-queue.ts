import { ensureWorkQueue } from '@autoscale/bus';
import type { Bus } from '@autoscale/bus';

/**
 * The alert delivery work queue and one durable per channel: work-queue retention removes a
 * job once acked, and `ackWaitMs` is the lease — a replica that dies mid-send has its job
 * redelivered to another after it. The stream gets the bus's replicas (STREAM_REPLICAS), an
 * existing one too.
 *
 * @example
 * await ensureDeliveryQueue(bus, ['slack', 'email'], 60_000);
 */
export async function ensureDeliveryQueue(
  bus: Pick<Bus, 'js' | 'names' | 'replicas'>,
  channels: readonly string[],
  ackWaitMs: number,
): Promise<void> {
  const { names } = bus;
  await ensureWorkQueue(await bus.js.jetstreamManager(), {
    stream: names.streams.alertDeliveries,
    subjects: [names.subjects.alertDeliverAll],
    durables: channels.map((channel) => ({
      durable: names.durables.alerterDeliver(channel),
      filter: names.subjects.alertDeliver(channel),
    })),
    ackWaitMs,
    replicas: bus.replicas,
  });
}
