import { Hono } from 'hono';
import { ApiError, errorBody, sendError } from './api-error';
import type { GatewayDeps } from './deps';
import { requestDeadline } from './request-deadline';
import { alertsRoutes } from './routes/alerts.routes';
import { configRoutes } from './routes/config.routes';
import { forecastRoutes } from './routes/forecast.routes';
import { healthRoutes, natsAnswers } from './routes/health.routes';
import { metricsRoutes } from './routes/metrics.routes';
import { resourcesRoutes } from './routes/resources.routes';
import { testAlertRoutes } from './routes/test-alert.routes';

/** Under 2 s: what a caller waits at most before a 503 when PostgreSQL or NATS is down. */
const REQUEST_DEADLINE_MS = 1_500;

/**
 * The REST API. Every error is `{error: {code, message}}`: 4xx for what the client sent,
 * 503 when a backing service is down (within {@link REQUEST_DEADLINE_MS}); nothing a
 * client sends produces a 500. The test alert waits for real deliveries, so it has no
 * deadline; it answers 503 at once when NATS does not answer.
 */
export function createApp(deps: GatewayDeps & { onError?: (error: unknown) => void }) {
  const app = new Hono()
    .use('/api/*', async (c, next) => {
      if (c.req.path.startsWith('/api/test-alert')) return next();
      return requestDeadline(REQUEST_DEADLINE_MS)(c, next);
    })
    .use('/api/test-alert', async (c, next) => {
      if (c.req.method !== 'POST' || (await natsAnswers(deps))) return next();
      return c.json(errorBody('unavailable', 'NATS does not answer; see /api/health'), 503);
    })
    .route('/api/health', healthRoutes(deps))
    .route('/api/config', configRoutes(deps))
    .route('/api/metrics', metricsRoutes(deps))
    .route('/api/forecast', forecastRoutes(deps))
    .route('/api/alerts', alertsRoutes(deps))
    .route('/api/resources', resourcesRoutes(deps))
    .route('/api/test-alert', testAlertRoutes(deps));

  app.notFound((c) => c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return sendError(c, error);
    deps.onError?.(error);
    return c.json(errorBody('unavailable', 'a backing service failed; see /api/health'), 503);
  });
  return app;
}
