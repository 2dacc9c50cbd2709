import { JetStreamApiError } from '@nats-io/jetstream';
import type { ApiError, ConsumerInfo } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { isNotFound } from './nats-errors';
import { handledUpTo } from './durables';

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
 * success follows within `graceMs`; "not found" from the meta leader is kept as such. And a
 * restarted server can go on acting as the durable's leader in an old term (`has NO quorum,
 * stalled` in its log) beside the real one: both answer, with different floors. A cluster
 * run's gateway read the stale one's 196 messages pending for 100 s while its projection had
 * stored every event; the answer that has handled furthest is taken.
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
  const infos: ConsumerInfo[] = [];
  const iterator = answers[Symbol.asyncIterator]();
  // After the first info, the others that come within OTHER_ANSWERS_MS are read too.
  let settleBy = Number.POSITIVE_INFINITY;
  while (Date.now() < settleBy) {
    const next = await nextWithin(iterator, settleBy - Date.now());
    if (!next || next.done) break;
    // No responders and other transport failures arrive as errors from the iterator.
    const body = next.value.json<Partial<ConsumerInfo> & { error?: ApiError }>();
    if (body.error) errors.push(body.error);
    // An answer that is neither an error nor an info (seen on the loaded 2-core machine, where
    // callers then read `ack_floor` of undefined and the gateway exited) is not the leader's.
    else if (body.ack_floor) {
      infos.push(body as ConsumerInfo);
      settleBy = Math.min(settleBy, Date.now() + OTHER_ANSWERS_MS);
    }
  }
  // The request goes on until maxWait if left early; nothing more is read from it.
  if (Number.isFinite(settleBy)) void iterator.return?.(undefined);
  // Two servers that both act as the durable's leader (one of them in an old term) both
  // answer: the one that has handled further is the one the durable's acks reach.
  const leader = infos.sort((a, b) => handledUpTo(b) - handledUpTo(a))[0];
  if (leader) return leader;
  const thrown = errors.map((e) => new JetStreamApiError(e));
  const error = thrown.find(isNotFound) ?? thrown[0];
  if (error) throw error;
  throw new Error(`no answer for consumer ${stream} > ${durable} within ${opts.timeoutMs ?? 5_000} ms (timeout)`);
}

/**
 * How long after the first info other answers are waited for: another server's answer comes
 * within milliseconds on a cluster's routes.
 */
const OTHER_ANSWERS_MS = 100;

/** The iterator's next answer, or null when none came within `ms` (Infinity: no limit). */
async function nextWithin<T>(iterator: AsyncIterator<T>, ms: number): Promise<IteratorResult<T> | null> {
  if (!Number.isFinite(ms)) return iterator.next();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([iterator.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * True when the answer comes from a leader that hears from none of the durable's other
 * copies (none `current`): it has no quorum and what it says may be stale. Seen after a
 * quorum loss: a restarted server acted as the durable's leader in an old term, its stream
 * copy behind, and answered that nothing was pending while the durable held 116 messages.
 * A durable on one server (no other copies) always has its quorum.
 */
export function answeredWithoutQuorum(info: ConsumerInfo): boolean {
  const copies = info.cluster?.replicas ?? [];
  return copies.length > 0 && copies.every((copy) => !copy.current);
}
