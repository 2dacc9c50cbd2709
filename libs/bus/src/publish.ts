import { jetstream } from '@nats-io/jetstream';
import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { eventTooLarge } from '@autoscale/contracts';
import { PermanentError } from './parse-message';

/** How long a publish waits for the stream's ack: short, so an outage is noticed at once. */
const PUBLISH_TIMEOUT_MS = 2_000;

/**
 * Publishes one JSON event to JetStream with a dedupe id and waits for the stream's
 * acknowledgement, so a caller that acks its own input afterwards never loses the output.
 * An event over the size limit is refused with a {@link PermanentError} and never sent.
 *
 * @example
 * await publishEvent(js, 'metric.sampled.p3.local.web-1', event, 'local:web-1:2026-01-01T00:00:00.000Z');
 */
export async function publishEvent(js: JetStreamClient, subject: string, event: unknown, msgId: string) {
  const data = new TextEncoder().encode(JSON.stringify(event));
  const tooLarge = eventTooLarge(data);
  if (tooLarge) throw new PermanentError(`not published to ${subject}: ${tooLarge}`);
  return js.publish(subject, data, { msgID: msgId, timeout: PUBLISH_TIMEOUT_MS });
}

/** One event to publish: where, what, and its dedupe id. */
export type Outgoing = { subject: string; event: unknown; msgId: string };

/** Publishes in flight at once unless told otherwise. */
export const DEFAULT_PUBLISH_IN_FLIGHT = 256;

/**
 * Publishes many events with at most `inFlight` awaiting their stream ack at once, and
 * resolves when every one is stored (rejects if any is not). Order on the wire is the
 * array's order; consumers that need order per series get it, since a series' events are
 * sent in order and JetStream stores one connection's publishes in the order sent.
 *
 * @example
 * await publishMany(js, forecasts.map((f) => ({ subject: subjectOf(f), event: f, msgId: idOf(f) })));
 */
export async function publishMany(
  js: JetStreamClient,
  messages: readonly Outgoing[],
  inFlight = DEFAULT_PUBLISH_IN_FLIGHT,
): Promise<PubAck[]> {
  const acks = new Array<PubAck>(messages.length);
  let next = 0;
  async function worker() {
    while (next < messages.length) {
      const i = next++;
      const m = messages[i]!;
      acks[i] = await publishEvent(js, m.subject, m.event, m.msgId);
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, messages.length) }, worker));
  return acks;
}

export const createJetStream = (nc: NatsConnection): JetStreamClient => jetstream(nc);

export type { JetStreamClient, PubAck };
