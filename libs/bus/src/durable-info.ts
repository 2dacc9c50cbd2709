import { JetStreamApiError } from '@nats-io/jetstream';
import type { ApiError, ConsumerInfo } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { isNotFound } from './nats-errors';

export type DurableInfoOptions = {
  /** The longest wait for any answer (default 5 s, the JetStream API's). */
  timeoutMs?: number;
  /** After an error answer, how long the consumer leader's answer is waited for (default 1 s). */
  graceMs?: number;
};

/**
 * A durable's info as its leader gives it (`$JS.API.CONSUMER.INFO`), reading every answer
 * instead of the first.
 *
 * Why: on NATS 2.9, a server of the durable's Raft group whose copy lost track of the leader
 * (seen for minutes after a server was killed and restarted, while the durable had a leader
 * and served pulls) answers "JetStream system temporarily unavailable" (10008) at once. A
 * plain request takes that first answer and drops the leader's, so every claim of that
 * partition failed until a server restarted. Here an error answer is kept only when no
 * success follows within `graceMs`; "not found" from the meta leader is kept as such.
 *
 * @example
 * const info = await durableInfo(nc, names.streams.metrics, names.durables.forecaster(3));
 * info.ack_floor.stream_seq;
 */
export async function durableInfo(
  nc: NatsConnection,
  stream: string,
  durable: string,
  opts: DurableInfoOptions = {},
): Promise<ConsumerInfo> {
  // WARNING: JetStream API subject (no domain or prefix is configured in this system).
  const subject = `$JS.API.CONSUMER.INFO.${stream}.${durable}`;
  const answers = await nc.requestMany(subject, undefined, {
    strategy: 'stall',
    maxWait: opts.timeoutMs ?? 5_000,
    stall: opts.graceMs ?? 1_000,
  });
  const errors: ApiError[] = [];
  for await (const answer of answers) {
    // No responders and other transport failures arrive as errors from the iterator.
    const body = answer.json<Partial<ConsumerInfo> & { error?: ApiError }>();
    if (body.error) errors.push(body.error);
    // An answer that is neither an error nor an info (seen on the loaded 2-core machine, where
    // callers then read `ack_floor` of undefined and the gateway exited) is not the leader's.
    else if (body.ack_floor) return body as ConsumerInfo;
  }
  const thrown = errors.map((e) => new JetStreamApiError(e));
  const error = thrown.find(isNotFound) ?? thrown[0];
  if (error) throw error;
  throw new Error(`no answer for consumer ${stream} > ${durable} within ${opts.timeoutMs ?? 5_000} ms (timeout)`);
}
