import type { Logger } from 'pino';

/**
 * Retries `attempt` with exponential backoff (capped) until it succeeds or `signal` aborts,
 * logging each failure, so a service started before NATS or PostgreSQL waits for them
 * instead of crashing.
 *
 * @example
 * const nc = await retryWithBackoff(() => connect(opts), { what: 'NATS', log });
 */
export async function retryWithBackoff<T>(
  attempt: () => Promise<T>,
  opts: { what: string; log: Logger; initialMs?: number; maxMs?: number; signal?: AbortSignal },
): Promise<T> {
  let delay = opts.initialMs ?? 500;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (opts.signal?.aborted) throw error;
      opts.log.warn({ err: error, attempt: n, retryInMs: delay }, `${opts.what} unreachable, retrying`);
      await pause(delay, opts.signal);
      delay = Math.min(delay * 2, opts.maxMs ?? 10_000);
    }
  }
}

/** Waits `ms`, or less when `signal` aborts, so a shutdown never waits out a backoff. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
