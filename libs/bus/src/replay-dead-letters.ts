import { DeliverPolicy, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@autoscale/contracts';
import { DEAD_LETTER_HEADERS } from './dead-letter';

export type ReplayedLetter = { seq: number; subject: string; reason: string };

/**
 * Publishes every dead letter (of one durable, or all) again on its original subject and
 * deletes it from DEADLETTER once the stream stored the copy. Without a dedupe id: the
 * original's would be refused as a duplicate within the duplicate window, and consumers are
 * idempotent anyway. Run it after the cause is fixed (`npm run deadletters:replay`).
 *
 * @example
 * const replayed = await replayDeadLetters(nc, js, names, { durable: 'gateway-metrics' });
 */
export async function replayDeadLetters(
  nc: NatsConnection,
  js: JetStreamClient,
  names: BusNames,
  options: { durable?: string; dryRun?: boolean } = {},
): Promise<ReplayedLetter[]> {
  const jsm = await jetstreamManager(nc);
  const stream = names.streams.deadletter;
  const info = await jsm.streams.info(stream).catch(() => null);
  if (!info || info.state.messages === 0) return [];
  const { state } = info;
  const consumer = await js.consumers.get(stream, {
    deliver_policy: DeliverPolicy.All,
    filter_subjects: options.durable ? names.subjects.deadletter(options.durable) : names.subjects.deadletterAll,
  });
  const replayed: ReplayedLetter[] = [];
  while (true) {
    const batch = await consumer.fetch({ max_messages: 500, expires: 1000 });
    let seen = 0;
    for await (const msg of batch) {
      seen++;
      const subject = msg.headers?.get(DEAD_LETTER_HEADERS.subject) ?? '';
      if (subject && msg.seq <= state.last_seq) {
        if (!options.dryRun) {
          await js.publish(subject, msg.data);
          await jsm.streams.deleteMessage(stream, msg.seq);
        }
        replayed.push({ seq: msg.seq, subject, reason: msg.headers?.get(DEAD_LETTER_HEADERS.reason) ?? '' });
      }
      if (msg.info.pending === 0) return replayed;
    }
    if (seen === 0) return replayed;
  }
}
