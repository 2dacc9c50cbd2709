import { jetstream } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Publishes one JSON event to JetStream with a dedupe id and waits for the stream's
 * acknowledgement, so a caller that acks its own input afterwards never loses the output.
 *
 * @example
 * await publishEvent(js, 'metric.sampled.local.web-1', event, 'local:web-1:2026-01-01T00:00:00.000Z');
 */
export async function publishEvent(js: JetStreamClient, subject: string, event: unknown, msgId: string) {
  return js.publish(subject, JSON.stringify(event), { msgID: msgId });
}

export const createJetStream = (nc: NatsConnection): JetStreamClient => jetstream(nc);

export type { JetStreamClient };
