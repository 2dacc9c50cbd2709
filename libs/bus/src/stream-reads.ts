import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { Consumer, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { z } from 'zod';
import type { BusNames, EventDescriptor } from '@autoscale/contracts';
import { parseMessage } from './parse-message';
import { handledUpTo } from './durables';
import { durableInfo } from './durable-info';
import { readAhead } from './read-ahead';

export type ReplayOptions<S extends z.ZodType> = {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: BusNames;
  /** What is read: its stream and schema. */
  event: EventDescriptor<S>;
  /** The durable whose ack floor ends the replay. */
  durable: string;
  /** Only messages on these subjects (a partition's filter), or the whole stream. */
  filterSubject?: string;
  /** Start at messages stored at or after this time. */
  since: Date;
  /** Called for each valid event, in stream order; invalid ones are skipped. */
  onEvent: (event: z.infer<S>) => void;
};

/**
 * Reads a stream from `since` up to a durable's ack floor: exactly what that durable has
 * already handled, so a replica can rebuild the state the durable's messages built while
 * the durable itself goes on from the floor. Yields to the event loop every 100 events, so
 * status requests keep being answered during a long replay.
 *
 * @example
 * const n = await replayToAckFloor({ nc, js, jsm, names, event: metricSampledEvent,
 *   durable: names.durables.forecaster(3), filterSubject: names.subjects.metricSampledPartition(3),
 *   since: new Date(Date.now() - 48 * 3_600_000), onEvent: (e) => registry.addSample(e) });
 */
export async function replayToAckFloor<S extends z.ZodType>(opts: ReplayOptions<S>): Promise<number> {
  const stream = opts.event.stream(opts.names);
  const info = await durableInfo(opts.nc, stream, opts.durable);
  const ackFloor = handledUpTo(info);
  if (ackFloor === 0) return 0;

  // Not an ordered consumer: that is a one-replica ephemeral, and NATS 2.9 may place it on a
  // server killed seconds ago (not yet seen offline) — its create then never answers, and
  // every claim timed out until that server came back. A reader on as many servers as the
  // stream answers as soon as a majority of them elects a leader. (The durable's info is no
  // guide to that count: right after a re-creation it listed a peer too many, and the server
  // refused the reader: "consumer config replica count exceeds parent stream".)
  const { config } = await opts.jsm.streams.info(stream);
  const reader = await opts.jsm.consumers.add(stream, {
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: opts.since.toISOString(),
    ...(opts.filterSubject ? { filter_subject: opts.filterSubject } : {}),
    num_replicas: config.num_replicas,
    mem_storage: true,
    // The server removes it once no pull came for this long (readers may not delete consumers).
    inactive_threshold: READER_IDLE_NS,
  });
  return readUpTo(opts.js.consumers.getConsumerFromInfo(reader), ackFloor, opts);
}

/** 10 s, in the nanoseconds JetStream takes. */
const READER_IDLE_NS = 10 * 1_000_000_000;

async function readUpTo<S extends z.ZodType>(
  consumer: Consumer,
  ackFloor: number,
  opts: ReplayOptions<S>,
): Promise<number> {
  let replayed = 0;
  while (true) {
    const arrivals = readAhead(await consumer.fetch({ max_messages: 500, expires: 2000 }));
    let seen = 0;
    for (let arrived = await arrivals.take(); arrived; arrived = await arrivals.take()) {
      for (const msg of arrived) {
        seen++;
        if (msg.seq > ackFloor) return replayed;
        const parsed = parseMessage(msg, opts.event.schema);
        if (parsed.ok) {
          opts.onEvent(parsed.event);
          replayed++;
        }
        if (msg.seq === ackFloor) return replayed;
        if (replayed % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (arrivals.failure()) throw arrivals.failure();
    if (seen === 0) return replayed;
  }
}

/**
 * The newest event stored on the subject `event` would be published on (for a sample: the
 * newest sample of that provider and resource); null when there is none or it is invalid.
 *
 * @example
 * const last = await lastStoredEvent(jsm, names, metricSampledEvent, { provider: 'aws', resourceId: 'i-0abc' });
 */
export async function lastStoredEvent<S extends z.ZodType>(
  jsm: JetStreamManager,
  names: BusNames,
  descriptor: EventDescriptor<S>,
  like: Partial<z.infer<S>>,
): Promise<z.infer<S> | null> {
  const subject = descriptor.subject(names, like as z.infer<S>);
  const stored = await jsm.streams.getMessage(descriptor.stream(names), { last_by_subj: subject }).catch(() => null);
  if (!stored) return null;
  const parsed = parseMessage(stored, descriptor.schema);
  return parsed.ok ? parsed.event : null;
}
