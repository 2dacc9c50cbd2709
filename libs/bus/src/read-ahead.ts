import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';

/**
 * How long after it was made a pull of this library (each expires after 2 s, when the server
 * ends it) is given up if it has not ended.
 */
const PULL_ENDS_WITHIN_MS = 10_000;

/**
 * Reads one pull to its end as its messages arrive, whatever its reader is doing, and hands
 * them over in arrival order: everything that came since the last take.
 *
 * Why: a pull's client watches the server's idle heartbeats until its iterator has been read
 * past the pull's end. Read only between batches, a pull the server had finished (its batch
 * full, or expired) looked silent to that watch while a batch was handled for two heartbeat
 * intervals (a second each with a 2 s expiry): the pull failed with "heartbeats missed" and
 * the consumer paused and bound again — every few seconds on a loaded machine. Read here,
 * that failure means what it says: the server went quiet during an open pull. A pull that
 * has not ended `endWithinMs` (10 s) after it was made is stopped and fails.
 *
 * @example
 * const arrivals = readAhead(await consumer.fetch({ max_messages: 500, expires: 2000 }));
 * for (let batch = await arrivals.take(); batch; batch = await arrivals.take()) await handle(batch);
 * if (arrivals.failure()) throw arrivals.failure();
 */
export function readAhead(messages: ConsumerMessages, { endWithinMs = PULL_ENDS_WITHIN_MS } = {}) {
  let arrived: JsMsg[] = [];
  let ended = false;
  let failure: { error: unknown } | null = null;
  // Resolves the take waiting for messages (a no-op when none waits).
  let wake = (): void => undefined;
  // A pull the server ends within its expiry can still wait forever on the client: after a
  // reconnect, nats.js stops watching its heartbeats and asks for the durable's info until it
  // gets it; a pull the server forgot (its consumer leader changed) then never ends. In a
  // cluster run the gateway's forecasts projection sat in such a pull for 100 s, nothing
  // logged, while a restarted server kept a stale leader of it (`has NO quorum, stalled`).
  const deadline = setTimeout(
    () => messages.stop(new Error(`the pull did not end within ${endWithinMs} ms: given up`)),
    endWithinMs,
  );
  void (async () => {
    try {
      for await (const msg of messages) {
        arrived.push(msg);
        wake();
      }
    } catch (error) {
      failure = { error };
    } finally {
      clearTimeout(deadline);
      ended = true;
      wake();
    }
  })();
  return {
    /** What arrived since the last take, waiting for a first message if none has; null once the pull ended and all was taken. */
    async take(): Promise<JsMsg[] | null> {
      while (arrived.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
      if (arrived.length > 0) {
        const taken = arrived;
        arrived = [];
        return taken;
      }
      return null;
    },
    /** How the pull failed (after its messages were taken), or null. */
    failure: (): unknown => failure?.error ?? null,
  };
}
