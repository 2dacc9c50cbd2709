import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { z } from 'zod';
import { MS_PER_MIN } from '@autoscale/time-units';
import type { BusNames, EventDescriptor } from '@autoscale/contracts';
import { backoffDelay } from '@autoscale/observability';
import type { Counters, Logger } from '@autoscale/observability';
import { PermanentError, parseMessage } from './parse-message';
import { deadLetter } from './dead-letter';
import { DEFAULT_MAX_DELIVER } from './durables';
import { durableInfo } from './durable-info';
import { readAhead } from './read-ahead';
import { stallGuard } from './stall-guard';

/** One valid message of a batch, as the handler sees it. */
export type Delivered<T> = { event: T; subject: string; seq: number };

export type BatchConsumeOptions<S extends z.ZodType> = {
  nc: NatsConnection;
  js: JetStreamClient;
  names: BusNames;
  /** What is consumed: its stream and schema. */
  event: EventDescriptor<S>;
  durable: string;
  /** Handles a batch in stream order; the batch is acked only after it resolves. */
  handler: (batch: Array<Delivered<z.infer<S>>>) => Promise<void>;
  log: Logger;
  counters: Counters;
  /** Messages pulled and handled together (default 500). */
  batchSize?: number | undefined;
  /** The durable's max_deliver: on that delivery a failing message is dead-lettered. */
  maxDeliver?: number | undefined;
  /** False once this replica may no longer ack (its partition lease is gone). */
  mayAck?: () => boolean;
  /**
   * Runs after a batch failed and before anything is retried: bring in-memory state back
   * to the acked position (the forecaster rebuilds the partition's series).
   */
  onFailure?: (() => Promise<void>) | undefined;
  /**
   * When pulls have brought nothing for this long while the durable has messages pending, or
   * cannot be read at all, the durable is re-created at its ack floor — or where this
   * consumer's own batches say it handled up to, when that is later or the durable cannot be
   * read (at most once per period; unset: never).
   * Why: on NATS 2.9 a server restarted after a kill may keep acting as the durable's
   * leader in an old term (`has NO quorum, stalled` in its log) while the others elected
   * another; pulls that reach it get nothing, for minutes. The re-created durable has a new
   * Raft group. Messages after the ack floor come again: the handler must be idempotent, or
   * `onFailure` must bring its state back to the ack floor (it runs after the re-creation).
   */
  recreateWhenStalledMs?: number | undefined;
};

/**
 * 1 s, 2 s, 4 s … 5 min by delivery count: ten deliveries span about 8.5 minutes. The
 * system's one backoff rule, without jitter: redeliveries of one durable are paced in order.
 */
export const retryDelayMs = (deliveryCount: number) =>
  backoffDelay(deliveryCount, { initialMs: 1000, maxMs: 5 * MS_PER_MIN, jitter: 0 });

/**
 * Consumes a durable in batches: pulls up to `batchSize` messages, terminates the ones that
 * are not JSON or fail the schema (logged and counted), hands the rest to the handler in
 * stream order and acks them all once it resolved.
 *
 * When the handler throws, nothing of the batch is acked: pulling pauses (1 s, 2 s, 4 s … by
 * delivery count), `onFailure` runs, then the batch and everything pulled behind it are
 * nak'ed, so the retry sees them again first and in stream order. A {@link PermanentError} (or a batch that fails on
 * its last delivery) is narrowed to the message at fault by handling the batch one message
 * at a time; that message goes to the DEADLETTER stream and the others go on.
 *
 * @example
 * const loop = await consumeBatches({ nc, js, names, event: metricSampledEvent,
 *   durable: names.durables.gatewayMetrics,
 *   handler: (batch) => upsertMetricSamples(db, batch.map((d) => d.event)), log, counters });
 * await loop.stop();
 */
export async function consumeBatches<S extends z.ZodType>(opts: BatchConsumeOptions<S>) {
  const stream = opts.event.stream(opts.names);
  const log = opts.log.child({ stream, durable: opts.durable });
  const recreateIfStalled = stallGuard(opts, stream, log, async () => {
    consumer = await bind();
  });
  // Bound through the leader's own answer (see durableInfo), not js.consumers.get's first one.
  const bind = async () => {
    const info = await durableInfo(opts.nc, stream, opts.durable);
    recreateIfStalled.seen(info);
    return opts.js.consumers.getConsumerFromInfo(info);
  };
  let consumer = await bind();
  let stopping = false;
  let wake: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wake = null;
    });

  const done = (async () => {
    while (!stopping) {
      let failed: Failed | null = null;
      let pullFailure: unknown = null;
      try {
        // One bounded pull at a time, each read to its end: stopping never abandons messages
        // the server already sent (they would wait out ack_wait and come back out of order).
        const messages = await consumer.fetch({ max_messages: opts.batchSize ?? 500, expires: FETCH_EXPIRES_MS });
        const fetched = await handleFetch(messages, opts, log, () => stopping);
        ({ failed, pullFailure } = fetched);
        if (fetched.handledUpTo > 0) recreateIfStalled.handled(fetched.handledUpTo);
        if (fetched.received > 0) recreateIfStalled.delivered();
        else if (!stopping && !pullFailure) await recreateIfStalled.check();
      } catch (err) {
        pullFailure = err;
      }
      if (pullFailure) {
        opts.counters.inc('pulls_failed');
        log.warn({ err: pullFailure }, 'pulling from the durable failed; retrying');
        if (!stopping) await pause(1000);
        // Bind again: after a quorum loss the durable's new leader may not answer pulls made
        // through the old binding (heartbeats missed for minutes otherwise).
        if (!stopping) consumer = await bind().catch(() => consumer);
        if (!stopping) await recreateIfStalled.check();
      }
      if (failed === null) continue;
      // Hold the failed messages through the pause, then nak them without delay: nak'ed
      // messages are redelivered before newer ones, so the retry sees them in stream order
      // (a nak with a delay would let newer messages overtake them).
      if (!stopping) await pause(failed.delay);
      if (!stopping) await runOnFailure(opts, log);
      for (const msg of failed.held) msg.nak();
    }
  })();

  return {
    /** Stops pulling, finishes the batch in hand, hands back what was pulled behind it. */
    async stop() {
      stopping = true;
      wake?.();
      await done;
    },
    done,
  };
}

/** How long one pull waits for messages; also the longest stop() waits for a pull to end. */
const FETCH_EXPIRES_MS = 2000;

type Failed = { delay: number; held: JsMsg[] };

/**
 * Handles the batches of one pull; says how many messages came, which to retry when one
 * failed, how the pull failed if it did, and the stream sequence up to which everything
 * pulled was settled (handled and acked, or terminated, or dead-lettered; 0 if nothing was):
 * batches go in stream order and nothing after a failed one is handled, so all before it was.
 */
async function handleFetch<S extends z.ZodType>(
  messages: ConsumerMessages,
  opts: BatchConsumeOptions<S>,
  log: Logger,
  stopping: () => boolean,
): Promise<{ failed: Failed | null; received: number; handledUpTo: number; pullFailure: unknown }> {
  // Everything that arrived is handled at once: a lone sample is not delayed.
  const arrivals = readAhead(messages);
  let failed: Failed | null = null;
  let received = 0;
  let handledUpTo = 0;
  while (true) {
    // A pull that failed after some of its messages came says so once those are settled (or
    // held for the retry), so none waits out ack_wait.
    const pulled = await arrivals.take();
    if (!pulled) return { failed, received, handledUpTo, pullFailure: arrivals.failure() };
    received += pulled.length;
    if (failed) {
      failed.held.push(...pulled);
      continue;
    }
    if (stopping()) {
      // Pulled but not handled: straight back to the durable, for whoever consumes it next.
      for (const msg of pulled) msg.nak();
      continue;
    }
    failed = await handleBatch(pulled, opts, log);
    if (!failed && (!opts.mayAck || opts.mayAck())) handledUpTo = pulled[pulled.length - 1]!.seq;
  }
}

/** Returns null when the batch is settled, or the messages to retry and after how long. */
async function handleBatch<S extends z.ZodType>(pulled: JsMsg[], opts: BatchConsumeOptions<S>, log: Logger) {
  const valid: Array<{ msg: JsMsg; delivered: Delivered<z.infer<S>> }> = [];
  for (const msg of pulled) {
    const parsed = parseMessage(msg, opts.event.schema);
    if (parsed.ok) {
      valid.push({ msg, delivered: { event: parsed.event, subject: msg.subject, seq: msg.seq } });
      continue;
    }
    opts.counters.inc('terminated');
    log.error({ seq: msg.seq, subject: msg.subject, reason: parsed.reason }, 'invalid message terminated');
    // No reason on the wire: NATS before 2.10.4 ignores `+TERM <reason>` entirely and would
    // redeliver the poison message every ack_wait, forever. The reason is in the log line.
    msg.term();
  }
  if (valid.length === 0) return null;
  try {
    await opts.handler(valid.map((v) => v.delivered));
    await ackAll(
      valid.map((v) => v.msg),
      opts,
      log,
    );
    return null;
  } catch (error) {
    const lastChance = valid.some((v) => v.msg.info.deliveryCount >= (opts.maxDeliver ?? DEFAULT_MAX_DELIVER));
    if (error instanceof PermanentError || lastChance) {
      await runOnFailure(opts, log);
      return handleOneByOne(valid, opts, log);
    }
    return retryLater(
      valid.map((v) => v.msg),
      error,
      opts,
      log,
    );
  }
}

/** Narrows a failed batch to the messages at fault: each is handled, acked or dead-lettered alone. */
async function handleOneByOne<S extends z.ZodType>(
  valid: Array<{ msg: JsMsg; delivered: Delivered<z.infer<S>> }>,
  opts: BatchConsumeOptions<S>,
  log: Logger,
): Promise<Failed | null> {
  for (let i = 0; i < valid.length; i++) {
    const { msg, delivered } = valid[i]!;
    try {
      await opts.handler([delivered]);
      await ackAll([msg], opts, log);
    } catch (error) {
      const permanent = error instanceof PermanentError;
      if (!permanent && msg.info.deliveryCount < (opts.maxDeliver ?? DEFAULT_MAX_DELIVER)) {
        return retryLater(
          valid.slice(i).map((v) => v.msg),
          error,
          opts,
          log,
        );
      }
      const reason = `${permanent ? 'rejected' : `failed on delivery ${msg.info.deliveryCount}`}: ${errorText(error)}`;
      const stored = await deadLetter(opts.js, opts.names, opts.durable, msg, reason).then(
        () => true,
        () => false,
      );
      if (!stored)
        return retryLater(
          valid.slice(i).map((v) => v.msg),
          error,
          opts,
          log,
        );
      opts.counters.inc('dead_lettered');
      log.error({ seq: msg.seq, subject: msg.subject, reason }, 'message moved to the dead-letter stream');
    }
  }
  return null;
}

async function ackAll<S extends z.ZodType>(msgs: JsMsg[], opts: BatchConsumeOptions<S>, log: Logger) {
  if (opts.mayAck && !opts.mayAck()) {
    // Fenced: our partition lease is gone; the next owner gets these messages again.
    log.warn({ count: msgs.length }, 'batch handled after the partition lease was lost; not acked');
    return;
  }
  for (const msg of msgs.slice(0, -1)) msg.ack();
  // Waiting for the last ack means the ack floor is there when the next owner reads it.
  await msgs[msgs.length - 1]!.ackAck();
  opts.counters.inc('handled', msgs.length);
}

function retryLater<S extends z.ZodType>(
  msgs: JsMsg[],
  error: unknown,
  opts: BatchConsumeOptions<S>,
  log: Logger,
): Failed {
  const delay = retryDelayMs(Math.max(...msgs.map((m) => m.info.deliveryCount)));
  opts.counters.inc('retried', msgs.length);
  log.warn({ err: error, count: msgs.length, firstSeq: msgs[0]!.seq, retryInMs: delay }, 'batch failed, will retry');
  return { delay, held: [...msgs] };
}

async function runOnFailure<S extends z.ZodType>(opts: BatchConsumeOptions<S>, log: Logger) {
  if (!opts.onFailure) return;
  try {
    await opts.onFailure();
  } catch (err) {
    log.error({ err }, 'restoring state after a failed batch failed');
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
