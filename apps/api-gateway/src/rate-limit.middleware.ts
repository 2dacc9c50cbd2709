import { createMiddleware } from 'hono/factory';
import { MS_PER_MIN } from '@autoscale/time-units';
import { ApiError } from './api-error';

/**
 * A token bucket shared by every caller of the route: at most `perMinute` requests a
 * minute (refilled continuously, bursts up to `perMinute`); beyond, 429 with `Retry-After`
 * in whole seconds. Per gateway process: N replicas allow N times the rate.
 *
 * @example
 * new Hono().post('/', rateLimit(5), handler);
 */
export function rateLimit(perMinute: number, now: () => number = Date.now) {
  let tokens = perMinute;
  let last = now();
  const refillPerMs = perMinute / MS_PER_MIN;
  return createMiddleware(async (c, next) => {
    const t = now();
    tokens = Math.min(perMinute, tokens + (t - last) * refillPerMs);
    last = t;
    if (tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - tokens) / refillPerMs / 1000));
      c.header('Retry-After', String(retryAfter));
      throw new ApiError(429, 'rate_limited', `at most ${perMinute} requests a minute; retry in ${retryAfter} s`);
    }
    tokens -= 1;
    await next();
  });
}
