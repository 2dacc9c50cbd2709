import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseJson } from './stream-tail';

/** One stored message, its payload parsed (undefined when it is not JSON). */
export type StoredMessage = { seq: number; subject: string; data: unknown };

/**
 * The last `limit` messages of a stream, oldest first, read with an ordered (ephemeral)
 * consumer: nothing a durable sees changes. An empty stream gives [].
 *
 * @example
 * const newest = (await lastMessages(nc, names.streams.audit, 100)).reverse();
 */
export async function lastMessages(nc: NatsConnection, stream: string, limit: number): Promise<StoredMessage[]> {
  const { state } = await (await jetstreamManager(nc)).streams.info(stream);
  if (state.messages === 0 || limit <= 0) return [];
  const start = Math.max(state.first_seq, state.last_seq - limit + 1);
  const consumer = await jetstream(nc).consumers.get(stream, {
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: start,
  });
  const found: StoredMessage[] = [];
  const batch = await consumer.fetch({ max_messages: limit, expires: 2_000 });
  for await (const msg of batch) {
    found.push({ seq: msg.seq, subject: msg.subject, data: parseJson(msg.string()) });
    if (msg.seq >= state.last_seq) break;
  }
  // Not deleted: the server drops an idle ordered consumer by itself, and a reader may not delete consumers.
  return found;
}
