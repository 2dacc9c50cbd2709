import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/** How far one durable consumer is behind its stream. */
export type ConsumerLag = {
  stream: string;
  consumer: string;
  /** Messages in the stream not yet delivered to the consumer. */
  pending: number;
  /** Delivered but not yet acknowledged. */
  ackPending: number;
  /** Redelivered at least once. */
  redelivered: number;
};

/**
 * The lag of every durable consumer on the given streams (`jsm.consumers.info`'s
 * `num_pending`); ephemeral consumers (dashboards tailing a stream) are left out, and a
 * stream that does not exist yet contributes nothing.
 *
 * @example
 * const lag = await consumerLag(nc, Object.values(names.streams));
 * lag.find((l) => l.consumer === 'alerter')?.pending;
 */
export async function consumerLag(nc: NatsConnection, streams: readonly string[]): Promise<ConsumerLag[]> {
  const jsm = await jetstreamManager(nc);
  const perStream = await Promise.all(
    streams.map(async (stream) => {
      const found: ConsumerLag[] = [];
      try {
        for await (const info of jsm.consumers.list(stream)) {
          if (!info.config.durable_name) continue;
          found.push({
            stream,
            consumer: info.name,
            pending: info.num_pending,
            ackPending: info.num_ack_pending,
            redelivered: info.num_redelivered,
          });
        }
      } catch {
        // The stream is not provisioned yet.
      }
      return found;
    }),
  );
  return perStream.flat();
}
