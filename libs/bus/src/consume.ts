import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { z } from 'zod';
import type { Counters, Logger } from '@autoscale/observability';
import { eventTooLarge } from '@autoscale/contracts';

/** Thrown by a handler for input that can never succeed: the message is terminated. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

export type ConsumeOptions<S extends z.ZodType> = {
  js: JetStreamClient;
  stream: string;
  durable: string;
  schema: S;
  handler: (event: z.infer<S>, msg: JsMsg) => Promise<void>;
  log: Logger;
  counters: Counters;
  /** Messages pulled per request; handled one at a time, in stream order. */
  batch?: number;
};

const MAX_NAK_DELAY_MS = 30_000;

/**
 * Consumes a durable: validates each message with the schema, runs the handler, acks after
 * it succeeded; naks with a growing delay when it throws (transient: database or NATS down);
 * terminates, logs and counts messages that are not JSON or fail the schema, so a poison
 * message never crashes the service or loops forever.
 *
 * @example
 * const loop = await consumeDurable({ js, stream: 'METRICS', durable: 'forecaster', schema, handler, log, counters });
 * await loop.stop();
 */
export async function consumeDurable<S extends z.ZodType>(opts: ConsumeOptions<S>) {
  const consumer = await opts.js.consumers.get(opts.stream, opts.durable);
  const messages = await consumer.consume({ max_messages: opts.batch ?? 100 });
  const log = opts.log.child({ stream: opts.stream, durable: opts.durable });

  void (async () => {
    for await (const status of messages.status()) {
      if (status.type === 'heartbeats_missed') log.warn({ count: status.count }, 'consumer heartbeats missed');
      if (status.type === 'consumer_not_found' || status.type === 'consumer_deleted') {
        log.error({ status: status.type }, 'consumer is gone; restart the service to re-provision it');
      }
    }
  })();

  const done = (async () => {
    for await (const msg of messages) await handleOne(msg, opts, log);
  })();

  return {
    /** Stops pulling, lets the message in hand finish, and resolves when the loop ended. */
    async stop() {
      messages.stop();
      await done;
    },
    done,
  };
}

async function handleOne<S extends z.ZodType>(msg: JsMsg, opts: ConsumeOptions<S>, log: Logger) {
  const parsed = parseMessage(msg, opts.schema);
  if (!parsed.ok) {
    opts.counters.inc('terminated');
    log.error({ seq: msg.seq, subject: msg.subject, reason: parsed.reason }, 'invalid message terminated');
    // No reason on the wire: NATS before 2.10.4 ignores `+TERM <reason>` entirely and would
    // redeliver the poison message every ack_wait, forever. The reason is in the log line.
    msg.term();
    return;
  }
  try {
    await opts.handler(parsed.event, msg);
    msg.ack();
    opts.counters.inc('handled');
  } catch (error) {
    if (error instanceof PermanentError) {
      opts.counters.inc('terminated');
      log.error({ seq: msg.seq, err: error }, 'message rejected by handler, terminated');
      msg.term();
      return;
    }
    const delay = Math.min(MAX_NAK_DELAY_MS, 500 * 2 ** Math.min(msg.info.deliveryCount, 6));
    opts.counters.inc('retried');
    log.warn({ seq: msg.seq, err: error, retryInMs: delay }, 'handler failed, will retry');
    msg.nak(delay);
  }
}

/**
 * Reads a message as JSON and validates it with `schema`; the reason says what is wrong.
 *
 * @example
 * const parsed = parseMessage(msg, MetricSampled);
 * if (parsed.ok) use(parsed.event);
 */
export function parseMessage<S extends z.ZodType>(
  msg: { json(): unknown; data?: Uint8Array },
  schema: S,
): { ok: true; event: z.infer<S> } | { ok: false; reason: string } {
  const tooLarge = msg.data ? eventTooLarge(msg.data) : null;
  if (tooLarge) return { ok: false, reason: tooLarge };
  let json: unknown;
  try {
    json = msg.json();
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    return { ok: false, reason: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  return { ok: true, event: result.data };
}
