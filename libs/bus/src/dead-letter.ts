import { headers } from '@nats-io/transport-node';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { BusNames } from '@autoscale/contracts';

/**
 * Headers of a dead letter. WARNING: read by operators and the replay command in the
 * README; renaming one breaks their scripts.
 */
export const DEAD_LETTER_HEADERS = {
  subject: 'Autoscale-Original-Subject',
  stream: 'Autoscale-Original-Stream',
  seq: 'Autoscale-Original-Seq',
  durable: 'Autoscale-Durable',
  deliveries: 'Autoscale-Deliveries',
  reason: 'Autoscale-Reason',
} as const;

/**
 * Copies a message the consumer gives up on to `deadletter.<durable>` (stream DEADLETTER)
 * with where it came from and why, then terminates it, so it is never redelivered and is
 * not lost either. Resolves once the dead letter is stored; throws when it could not be
 * (the caller naks, and the message stays where it is).
 *
 * @example
 * await deadLetter(js, names, 'gateway-metrics', msg, 'insert failed: value out of range');
 */
export async function deadLetter(js: JetStreamClient, names: BusNames, durable: string, msg: JsMsg, reason: string) {
  const h = headers();
  h.set(DEAD_LETTER_HEADERS.subject, msg.subject);
  h.set(DEAD_LETTER_HEADERS.stream, msg.info.stream);
  h.set(DEAD_LETTER_HEADERS.seq, String(msg.seq));
  h.set(DEAD_LETTER_HEADERS.durable, durable);
  h.set(DEAD_LETTER_HEADERS.deliveries, String(msg.info.deliveryCount));
  // Header values are one line; a stack trace would not fit anyway.
  h.set(DEAD_LETTER_HEADERS.reason, reason.replace(/[\r\n]+/g, ' ').slice(0, 1000));
  await js.publish(names.subjects.deadletter(durable), msg.data, {
    headers: h,
    msgID: `${msg.info.stream}:${msg.seq}`,
  });
  msg.term();
}
