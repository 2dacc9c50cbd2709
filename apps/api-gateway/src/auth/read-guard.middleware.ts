import { createMiddleware } from 'hono/factory';
import { requireToken } from '../require-token.middleware';

/** Reads that stay open with `API_AUTH=all`: the probes' health and the API's own description. */
const OPEN = [/^\/api\/health(\/|$)/, /^\/api\/docs(\/|$)/, /^\/api\/openapi\.json$/];

/**
 * `API_AUTH=all`: every `/api` request needs a valid token (the writes are guarded by their
 * routes anyway), except health (Kubernetes probes) and the API description.
 *
 * @example
 * if (config.API_AUTH === 'all') app.use('/api/*', readGuard(config));
 */
export const readGuard = (config: Parameters<typeof requireToken>[0]) => {
  const guard = requireToken(config);
  return createMiddleware(async (c, next) => {
    if (c.req.method === 'OPTIONS' || OPEN.some((path) => path.test(c.req.path))) return next();
    return guard(c, next);
  });
};
