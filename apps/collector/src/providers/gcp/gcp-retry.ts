import { backoffDelay } from '@autoscale/observability';
import { grpcStatus } from './gcp-status';

/**
 * gRPC status codes (which the REST mode reports too) that may pass by themselves:
 * DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED (quota, HTTP 429), ABORTED, INTERNAL, UNAVAILABLE.
 */
const RETRYABLE_STATUS = new Set([4, 8, 10, 13, 14]);
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

export type RetryPolicy = { attempts: number; baseMs: number; maxMs: number };

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 500, maxMs: 10_000 };

/**
 * Whether `error` is quota, overload or a dropped connection rather than a refusal.
 *
 * @example
 * isRetryable(Object.assign(new Error('{"error":{"status":"RESOURCE_EXHAUSTED"}}'), { status: 429 })); // true
 */
export function isRetryable(error: unknown): boolean {
  const status = grpcStatus(error);
  if (status !== undefined) return RETRYABLE_STATUS.has(status);
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && RETRYABLE_NETWORK.has(code);
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or `policy.attempts` are
 * spent, sleeping a random part of an exponentially growing delay in between ("full jitter",
 * so that several collectors throttled together do not come back together).
 *
 * @example
 * const page = await withRetry(() => client.listTimeSeries(request, { autoPaginate: false }), DEFAULT_RETRY);
 */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= policy.attempts || !isRetryable(error)) throw error;
      // Full jitter through the shared backoff rule: half the ceiling ± 100 % is 0…ceiling.
      const delay = backoffDelay(n, { initialMs: policy.baseMs / 2, maxMs: policy.maxMs / 2, jitter: 1 });
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
