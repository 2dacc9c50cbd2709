import { jetstream } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { eventTooLarge } from '@autoscale/contracts';
import { PermanentError } from './consume';

/** How long a publish waits for the stream's ack: short, so an outage is noticed at once. */
const PUBLISH_TIMEOUT_MS = 2_000;

/**
 * Publishes one JSON event to JetStream with a dedupe id and waits for the stream's
 * acknowledgement, so a caller that acks its own input afterwards never loses the output.
 * An event over the size limit is refused with a {@link PermanentError} and never sent.
 *
 * @example
 * await publishEvent(js, 'metric.sampled.local.web-1', event, 'local:web-1:2026-01-01T00:00:00.000Z');
 */
export async function publishEvent(js: JetStreamClient, subject: string, event: unknown, msgId: string) {
  const data = new TextEncoder().encode(JSON.stringify(event));
  const tooLarge = eventTooLarge(data);
  if (tooLarge) throw new PermanentError(`not published to ${subject}: ${tooLarge}`);
  return js.publish(subject, data, { msgID: msgId, timeout: PUBLISH_TIMEOUT_MS });
}

export const createJetStream = (nc: NatsConnection): JetStreamClient => jetstream(nc);

export type { JetStreamClient };
