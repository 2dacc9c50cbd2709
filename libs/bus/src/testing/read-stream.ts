import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Every message stored in a stream (optionally on one subject filter), oldest first, with
 * its subject and JSON body — what a test checks a service published.
 *
 * @example
 * const forecasts = await readStream(bus.nc, bus.names.streams.forecasts);
 */
export async function readStream(
  nc: NatsConnection,
  stream: string,
  filterSubject?: string,
): Promise<Array<{ subject: string; seq: number; json: unknown }>> {
  const consumer = await jetstream(nc).consumers.get(stream, {
    deliver_policy: DeliverPolicy.All,
    ...(filterSubject ? { filter_subjects: filterSubject } : {}),
  });
  const found: Array<{ subject: string; seq: number; json: unknown }> = [];
  while (true) {
    const batch = await consumer.fetch({ max_messages: 1000, expires: 1000 });
    let seen = 0;
    for await (const msg of batch) {
      seen++;
      found.push({ subject: msg.subject, seq: msg.seq, json: msg.json() });
      if (msg.info.pending === 0) return found;
    }
    if (seen === 0) return found;
  }
}

/**
 * Pending and ack-pending messages of a durable: both 0 once it handled everything.
 *
 * @example
 * await expect.poll(() => durableBacklog(bus.nc, stream, durable)).toEqual({ pending: 0, ackPending: 0 });
 */
export async function durableBacklog(nc: NatsConnection, stream: string, durable: string) {
  const info = await (await jetstream(nc).jetstreamManager()).consumers.info(stream, durable);
  return { pending: info.num_pending, ackPending: info.num_ack_pending };
}
