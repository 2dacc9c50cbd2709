import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { z } from 'zod';
import type { BusNames, EventDescriptor } from '@autoscale/contracts';
import type { Counters, Logger } from '@autoscale/observability';
import { deadLetter } from './dead-letter';
import { retryDelayMs } from './consume-batches';
import { PermanentError, parseMessage } from './parse-message';

/** One job as its handler sees it. */
export type Job<T> = {
  event: T;
  seq: number;
  /** 1 on the first delivery. */
  deliveryCount: number;
  /** Tells the server the job is still being worked on (resets its ack_wait). */
  working: () => void;
};

/** What became of a job: done (acked), or to be tried again after a pause (nak with delay). */
export type JobOutcome = { done: true } | { done: false; retryInMs: number };

export type JobConsumeOptions<S extends z.ZodType> = {
  js: JetStreamClient;
  names: BusNames;
  /** What is consumed: its stream and schema. */
  event: EventDescriptor<S>;
  durable: string;
  handler: (job: Job<z.infer<S>>) => Promise<JobOutcome>;
  log: Logger;
  counters: Counters;
  /** Jobs handled at once (independent of each other, so in any order). */
  concurrency: number;
  /**
   * The durable's max_deliver: a job whose handler throws on that delivery is dead-lettered.
   * Unset for jobs that bound their own retries (a give-up time); a throw is then retried.
   */
  maxDeliver?: number;
};

/**
 * Consumes a work-queue durable one job at a time, up to `concurrency` jobs in flight:
 * unlike {@link consumeBatches}, jobs are independent, so one waiting out its retry never
 * holds up another. The handler says whether the job is done (acked) or when to try it again
 * (nak with that delay, e.g. a `Retry-After`). Messages that are not JSON or fail the schema
 * are terminated (logged, counted). A handler that throws a {@link PermanentError}, or
 * throws on the last delivery, has its job moved to DEADLETTER; other throws (NATS or a
 * store unavailable) are retried with the same growing pauses as batches.
 *
 * @example
 * const loop = await consumeJobs({ js, names, event: alertDeliveryJobEvent,
 *   durable: names.durables.alerterDeliver('slack'), concurrency: 4,
 *   handler: async (job) => ({ done: true }), log, counters });
 * await loop.stop();
 */
export async function consumeJobs<S extends z.ZodType>(opts: JobConsumeOptions<S>) {
  const stream = opts.event.stream(opts.names);
  const consumer = await opts.js.consumers.get(stream, opts.durable);
  const messages = await consumer.consume({ max_messages: opts.concurrency });
  const log = opts.log.child({ stream, durable: opts.durable });
  const inFlight = new Set<Promise<void>>();

  const done = (async () => {
    for await (const msg of messages) {
      const task = handleJob(msg, opts, log).finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= opts.concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  })();

  return {
    /** Stops pulling and waits for the jobs in flight. */
    async stop() {
      messages.stop();
      await done;
    },
    done,
  };
}

async function handleJob<S extends z.ZodType>(msg: JsMsg, opts: JobConsumeOptions<S>, log: Logger) {
  const parsed = parseMessage(msg, opts.event.schema);
  if (!parsed.ok) {
    opts.counters.inc('terminated');
    log.error({ seq: msg.seq, subject: msg.subject, reason: parsed.reason }, 'invalid job terminated');
    msg.term();
    return;
  }
  const deliveryCount = msg.info.deliveryCount;
  try {
    const outcome = await opts.handler({
      event: parsed.event,
      seq: msg.seq,
      deliveryCount,
      working: () => msg.working(),
    });
    if (outcome.done) {
      msg.ack();
      opts.counters.inc('handled');
      return;
    }
    msg.nak(outcome.retryInMs);
  } catch (error) {
    const permanent = error instanceof PermanentError;
    const last = opts.maxDeliver !== undefined && deliveryCount >= opts.maxDeliver;
    if (!permanent && !last) {
      const delay = retryDelayMs(deliveryCount);
      opts.counters.inc('retried');
      log.warn({ err: error, seq: msg.seq, retryInMs: delay }, 'job failed, will retry');
      msg.nak(delay);
      return;
    }
    const text = error instanceof Error ? error.message : String(error);
    const reason = `${permanent ? 'rejected' : `failed on delivery ${deliveryCount}`}: ${text}`;
    try {
      await deadLetter(opts.js, opts.names, opts.durable, msg, reason);
      opts.counters.inc('dead_lettered');
      log.error({ seq: msg.seq, subject: msg.subject, reason }, 'job moved to the dead-letter stream');
    } catch {
      msg.nak(retryDelayMs(deliveryCount));
    }
  }
}
