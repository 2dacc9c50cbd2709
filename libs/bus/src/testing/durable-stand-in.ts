import type { ConsumerInfo } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/** What a stand-in says of the durable: how far it has handled, what it holds, and when its copy was made (the template's by default). */
export type StandInAnswer = { floor: number; pending: number; created?: string };

/**
 * Answers the durable's info requests (`$JS.API.CONSUMER.INFO`) as another server of its
 * Raft group would — its real leader, or a copy that lags — with `answer()`'s floor and
 * pending on `template`'s info; the shared server answers too when it has the durable.
 * Unsubscribe the returned subscription to stop.
 */
export function standInForDurable(
  nc: NatsConnection,
  target: { stream: string; durable: string },
  template: ConsumerInfo,
  answer: () => StandInAnswer,
) {
  return nc.subscribe(`$JS.API.CONSUMER.INFO.${target.stream}.${target.durable}`, {
    callback: (_err, msg) => {
      const { floor, pending, created = template.created } = answer();
      const ackFloor = { ...template.ack_floor, stream_seq: floor, consumer_seq: floor };
      const info = { ...template, name: target.durable, created, ack_floor: ackFloor, num_pending: pending };
      msg.respond(JSON.stringify(info));
    },
  });
}
