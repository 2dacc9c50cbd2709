import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/** A message read from a stream, with its stream sequence (a position to resume from). */
export type TailedMessage = { seq: number; subject: string; data: unknown };

/**
 * The sequence of the newest message in `stream` (0 when empty): where a tail that should
 * see only what comes next starts from, without a gap between "now" and the first message.
 *
 * @example
 * const seq = await streamLastSeq(nc, names.streams.forecasts);
 */
export async function streamLastSeq(nc: NatsConnection, stream: string): Promise<number> {
  const jsm = await jetstreamManager(nc);
  return (await jsm.streams.info(stream)).state.last_seq;
}

/**
 * Follows `subject` in `stream` from the message after `afterSeq`, in order, with an
 * ordered (ephemeral, unacknowledged) consumer: reading never changes what the durables see,
 * and the consumer is recreated from the last sequence seen when it stalls or NATS restarts.
 * A payload that is not JSON arrives as `data: undefined`. `stop()` deletes the consumer.
 *
 * @example
 * const tail = await tailStream(nc, { stream: 'FORECASTS', subject: 'forecast.updated.>', afterSeq: 41 }, (m) => send(m));
 * tail.stop();
 */
export async function tailStream(
  nc: NatsConnection,
  opts: { stream: string; subject: string; afterSeq: number },
  onMessage: (message: TailedMessage) => void,
) {
  const consumer = await jetstream(nc).consumers.get(opts.stream, {
    filter_subjects: opts.subject,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: opts.afterSeq + 1,
  });
  const messages = await consumer.consume();
  const done = (async () => {
    for await (const msg of messages) onMessage({ seq: msg.seq, subject: msg.subject, data: parseJson(msg.string()) });
  })().catch(() => undefined);
  return {
    async stop() {
      await messages.close();
      await done;
    },
  };
}

/** A payload as JSON, or undefined when it is not. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
