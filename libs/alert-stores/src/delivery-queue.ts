import { AckPolicy, DeliverPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { addOrUpdateStream, consumerInfoOrNull } from '@autoscale/bus';
import type { Bus } from '@autoscale/bus';

const HOUR_NS = 3_600_000_000_000;
const MS_NS = 1_000_000;

/**
 * Creates (or brings up to date) the alert delivery work queue and one durable per channel.
 * Work-queue retention removes a job once acked; each channel has its own filtered durable,
 * so a channel that is slow or down only holds up its own jobs. `ackWaitMs` is the lease:
 * a replica that dies mid-send has its job redelivered to another after it. The stream gets
 * the bus's replicas (STREAM_REPLICAS), an existing one too.
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
  const jsm = await bus.js.jetstreamManager();
  const stream = {
    name: names.streams.alertDeliveries,
    subjects: [names.subjects.alertDeliverAll],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    // A notification flushed twice (crash between publish and clearing the outbox) is one job.
    duplicate_window: 2 * HOUR_NS,
    max_age: 24 * HOUR_NS,
    num_replicas: bus.replicas,
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
