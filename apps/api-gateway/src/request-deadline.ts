import type { MiddlewareHandler } from 'hono';
import { errorBody } from './api-error';

/**
 * Answers 503 when a request has not finished within `ms`: PostgreSQL unreachable (a query
 * waits for a pool connection, and postgres.js has no acquire timeout) or a NATS request
 * held while the client reconnects must not hang the caller. The handler runs on in the
 * background until its own timeouts end it; its late result is dropped.
 *
 * @example
 * app.use('/api/*', requestDeadline(1_500));
 */
export function requestDeadline(ms: number): MiddlewareHandler {
  return async (c, next) => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), ms);
    });
    try {
      const outcome = await Promise.race([next().then(() => 'done' as const), expired]);
      if (outcome === 'done') return;
      return c.json(
        errorBody('unavailable', `no answer within ${ms} ms: a backing service is slow or down; see /api/health`),
        503,
      );
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * True when `probe` resolves true within `ms`; false when it rejects or takes longer.
 *
 * @example
 * await withinDeadline(() => nc.flush().then(() => true), 1_000)
 */
export async function withinDeadline(probe: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([probe().catch(() => false), expired]);
  } finally {
    clearTimeout(timer);
  }
}
