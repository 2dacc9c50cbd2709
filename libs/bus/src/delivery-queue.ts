import { AckPolicy, DeliverPolicy, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@autoscale/contracts';
import { addOrUpdateStream, consumerInfoOrNull } from './stream-config';

const HOUR_NS = 3_600_000_000_000;
const MS_NS = 1_000_000;

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
  options: { replicas: number },
): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const stream = {
    name: names.streams.alertDeliveries,
    subjects: [names.subjects.alertDeliverAll],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    // A notification flushed twice (crash between publish and clearing the outbox) is one job.
    duplicate_window: 2 * HOUR_NS,
    max_age: 24 * HOUR_NS,
    num_replicas: options.replicas,
  };
  await addOrUpdateStream(jsm, stream);
  for (const channel of channels) {
    const config = {
      durable_name: names.durables.alerterDeliver(channel),
      filter_subject: names.subjects.alertDeliver(channel),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: ackWaitMs * MS_NS,
      // Retries are paced by nak(delay) and stopped by the give-up time, not by a count
      // (consumeJobs runs without maxDeliver for these durables).
      max_deliver: -1,
      max_ack_pending: 1000,
    };
    const info = await consumerInfoOrNull(jsm, stream.name, config.durable_name);
    if (info) {
      if (info.config.ack_wait !== config.ack_wait) await jsm.consumers.update(stream.name, config.durable_name, { ack_wait: config.ack_wait });
      continue;
    }
    await jsm.consumers.add(stream.name, config).catch(async (error: unknown) => {
      if (!(await consumerInfoOrNull(jsm, stream.name, config.durable_name))) throw error;
    });
  }
}
