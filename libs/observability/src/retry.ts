import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

/**
 * A failure no retry can cure (a configuration the running system refuses): thrown by an
 * attempt, it ends {@link retryWithBackoff} at once instead of being retried forever.
 */
export class NotRetryableError extends Error {
  override name = 'NotRetryableError';
}

/**
 * Retries `attempt` with exponential backoff (capped) until it succeeds or `signal` aborts,
 * logging each failure, so a service started before NATS or PostgreSQL waits for them
 * instead of crashing. A {@link NotRetryableError} is thrown at once.
 *
 * @example
 * const nc = await retryWithBackoff(() => connect(opts), { what: 'NATS', log });
 */
export async function retryWithBackoff<T>(
  attempt: () => Promise<T>,
  opts: { what: string; log: Logger; initialMs?: number; maxMs?: number; signal?: AbortSignal },
): Promise<T> {
  for (let n = 1; ; n++) {
    const delay = backoffDelay(n, { initialMs: opts.initialMs ?? 500, maxMs: opts.maxMs ?? 10_000, jitter: 0 });
    try {
      return await attempt();
    } catch (error) {
      if (opts.signal?.aborted) throw error;
      if (error instanceof NotRetryableError) {
        opts.log.fatal({ err: error }, `${opts.what}: ${error.message}`);
        throw error;
      }
      opts.log.warn({ err: error, attempt: n, retryInMs: delay }, `${opts.what} unreachable, retrying`);
      await pause(delay, opts.signal);
    }
  }
}

/** Waits `ms`, or less when `signal` aborts, so a shutdown never waits out a backoff. */
const pause = (ms: number, signal?: AbortSignal): Promise<void> =>
  sleep(ms, undefined, signal ? { signal } : {}).catch(() => undefined);

export type BackoffOptions = { initialMs: number; maxMs: number; jitter?: number; random?: () => number };

/**
 * The delay before retry number `attempt` (1-based): `initialMs` doubled per attempt, capped
 * at `maxMs`, then spread by ±`jitter` (a fraction, default 0.2) so replicas that failed
 * together do not retry together. The one backoff rule of the system: in-process retries
 * (`retryWithBackoff`) and delayed redeliveries (`nak(delay)`) both use it.
 *
 * @example
 * msg.nak(backoffDelay(msg.info.deliveryCount, { initialMs: 5_000, maxMs: 600_000 }));
 */
export function backoffDelay(attempt: number, opts: BackoffOptions): number {
  const base = Math.min(opts.maxMs, opts.initialMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  const jitter = opts.jitter ?? 0.2;
  const spread = (2 * (opts.random ?? Math.random)() - 1) * jitter;
  return Math.max(0, Math.round(base * (1 + spread)));
}
