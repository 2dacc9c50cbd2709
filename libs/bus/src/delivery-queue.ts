import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@autoscale/contracts';
import { ensureWorkQueue } from './work-queue';

/**
 * Creates (or brings up to date) the alert delivery work queue and one durable per channel.
 * Work-queue retention removes a job once acked; each channel has its own filtered durable,
 * so a channel that is slow or down only holds up its own jobs. `ackWaitMs` is the lease:
 * a replica that dies mid-send has its job redelivered to another after it.
 *
 * @example
 * await ensureDeliveryQueue(nc, names, ['slack', 'email'], 60_000, { replicas: config.STREAM_REPLICAS });
 */
export async function ensureDeliveryQueue(
  nc: NatsConnection,
  names: BusNames,
  channels: readonly string[],
  ackWaitMs: number,
  options: { replicas?: number } = {},
): Promise<void> {
  await ensureWorkQueue(await jetstreamManager(nc), {
    stream: names.streams.alertDeliveries,
    subjects: [names.subjects.alertDeliverAll],
    durables: channels.map((channel) => ({ durable: names.durables.alerterDeliver(channel), filter: names.subjects.alertDeliver(channel) })),
    ackWaitMs,
    replicas: options.replicas ?? 1,
  });
}
