import type { ConsumerInfo } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * What a stand-in says of the durable: how far it has handled, what it holds, when its copy
 * was made (the template's by default), and whether it hears from its two other copies (a
 * leader with quorum; false: a leader in an old term, none of them current).
 */
export type StandInAnswer = { floor: number; pending: number; created?: string; quorum?: boolean };

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
      const { floor, pending, created = template.created, quorum = true } = answer();
      const ackFloor = { ...template.ack_floor, stream_seq: floor, consumer_seq: floor };
      const replicas = ['n2', 'n3'].map((name) => ({ name, current: quorum, active: 1_000_000 }));
      const cluster = { name: 'stand-in', leader: 'n1', replicas };
      const info = { ...template, name: target.durable, created, ack_floor: ackFloor, num_pending: pending, cluster };
      msg.respond(JSON.stringify(info));
    },
  });
}
