import { Hono } from 'hono';
import { ApiError, errorBody, sendError } from './api-error';
import type { GatewayDeps } from './deps';
import { alertsRoutes } from './routes/alerts.routes';
import { configRoutes } from './routes/config.routes';
import { forecastRoutes } from './routes/forecast.routes';
import { healthRoutes } from './routes/health.routes';
import { metricsRoutes } from './routes/metrics.routes';
import { resourcesRoutes } from './routes/resources.routes';
import { rulesRoutes } from './routes/rules.routes';
import { silencesRoutes } from './routes/silences.routes';
import { testAlertRoutes } from './routes/test-alert.routes';

/**
 * The REST API. Every error is `{error: {code, message}}`: 4xx for what the client sent,
 * 503 when a backing service is down; nothing a client sends produces a 500.
 */
export function createApp(deps: GatewayDeps & { onError?: (error: unknown) => void }) {
  const app = new Hono()
    .route('/api/health', healthRoutes(deps))
    .route('/api/config', configRoutes(deps))
    .route('/api/metrics', metricsRoutes(deps))
    .route('/api/forecast', forecastRoutes(deps))
    .route('/api/alerts', alertsRoutes(deps))
    .route('/api/resources', resourcesRoutes(deps))
    .route('/api/silences', silencesRoutes(deps))
    .route('/api/rules', rulesRoutes(deps))
    .route('/api/test-alert', testAlertRoutes(deps));

  app.notFound((c) => c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return sendError(c, error);
    deps.onError?.(error);
    return c.json(errorBody('unavailable', 'a backing service failed; see /api/health'), 503);
  });
  return app;
}
