import { fileURLToPath } from 'node:url';
import { isQueryCancelled } from '@autoscale/db';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { Registry } from 'prom-client';
import type { ConsumerProgress } from '@autoscale/bus';
import { ApiError, errorBody, sendError } from './api-error';
import { limitBody } from './body-limit.middleware';
import type { GatewayDeps } from './deps';
import { gatewayProgress } from './pipeline-progress';
import { apiRoutes } from './openapi/api-routes';
import { publishOpenApi } from './openapi/openapi-document';
import { registerDefaultMetrics } from './prometheus/default-metrics';
import { httpMetrics } from './prometheus/http-metrics.middleware';
import { pipelineMetrics } from './prometheus/pipeline-metrics';
import { scaleMetrics } from './prometheus/scale-metrics';
import { requestDeadline } from './request-deadline';
import { alertsRoutes } from './routes/alerts.routes';
import { configRoutes } from './routes/config.routes';
import { docsRoutes } from './routes/docs.routes';
import { forecastRoutes } from './routes/forecast.routes';
import { healthRoutes, natsAnswers } from './routes/health.routes';
import { metricsRoutes } from './routes/metrics.routes';
import { prometheusRoutes } from './routes/prometheus.routes';
import { resourcesRoutes } from './routes/resources.routes';
import { streamRoutes } from './routes/stream.routes';
import { rulesRoutes } from './routes/rules.routes';
import { scaleRoutes } from './routes/scale.routes';
import { scalingRoutes } from './routes/scaling.routes';
import { silencesRoutes } from './routes/silences.routes';
import { auditRoutes } from './routes/audit.routes';
import { readGuard } from './auth/read-guard.middleware';
import { testAlertRoutes } from './routes/test-alert.routes';
import { uiRoutes } from './routes/ui.routes';

/** Options of the app beyond its dependencies; tests shorten the heartbeat. */
export type AppOptions = {
  onError?: (error: unknown) => void;
  /** The built dashboard; by default `public/` beside the bundle. */
  uiDir?: string;
  heartbeatMs?: number;
  /** Aborted at shutdown: live streams end so the server can close. */
  closing?: AbortSignal;
  /** Watches the pipeline's durables for stalls (main reads it every few seconds); one of its own by default. */
  progress?: ConsumerProgress;
};

/** Under 2 s: what a caller waits at most before a 503 when PostgreSQL or NATS is down. */
const REQUEST_DEADLINE_MS = 1_500;

/**
 * The REST API (described at `/api/openapi.json`, browsable at `/api/docs`), the dashboard
 * at `/`, the live stream and `/metrics`. Every error is
 * `{error: {code, message}}`: 4xx for what the client sent (405 with `Allow` for a wrong
 * method, 413 for a body over 64 KB, refused before it is read), 503 when a backing service is down (within {@link REQUEST_DEADLINE_MS}); nothing a
 * client sends produces a 500. The live stream and the test alert (which waits for real
 * deliveries) have no deadline; the test alert answers 503 at once when NATS does not answer.
 */
export function createApp(deps: GatewayDeps & AppOptions) {
  const registry = new Registry();
  registerDefaultMetrics(registry);
  const progress = deps.progress ?? gatewayProgress(deps);
  const pipeline = pipelineMetrics(registry, { ...deps, progress });
  const scale = scaleMetrics(registry, deps);

  const app = apiRoutes();
  app.use(httpMetrics(registry, app));
  app.use(limitBody());
  if (deps.config.CORS_ORIGINS.length > 0) {
    app.use(
      '/api/*',
      cors({
        origin: deps.config.CORS_ORIGINS,
        allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'],
        maxAge: 600,
      }),
    );
  }
  app.use(methodNotAllowed({ app, onMethodNotAllowed: notAllowed }));
  app.use('/api/*', async (c, next) => {
    if (c.req.path.startsWith('/api/test-alert') || c.req.path.startsWith('/api/stream')) return next();
    return requestDeadline(REQUEST_DEADLINE_MS)(c, next);
  });
  if (deps.config.API_AUTH === 'all') app.use('/api/*', readGuard(deps.config));
  app.use('/api/test-alert', async (c, next) => {
    if (c.req.method !== 'POST' || (await natsAnswers(deps))) return next();
    return c.json(errorBody('unavailable', 'NATS does not answer; see /api/health'), 503);
  });
  app
    .route('/', uiRoutes(deps.uiDir ?? fileURLToPath(new URL('./public', import.meta.url))))
    .route(
      '/metrics',
      prometheusRoutes(registry, () => Promise.all([pipeline.refresh(), scale.refresh()]).then(() => undefined)),
    )
    .route('/api/stream', streamRoutes(deps))
    .route('/api/health', healthRoutes({ ...deps, progress }))
    .route('/api/config', configRoutes(deps))
    .route('/api/metrics', metricsRoutes(deps))
    .route('/api/forecast', forecastRoutes(deps))
    .route('/api/alerts', alertsRoutes(deps))
    .route('/api/resources', resourcesRoutes(deps))
    .route('/api/silences', silencesRoutes(deps))
    .route('/api/rules', rulesRoutes(deps))
    .route('/api/test-alert', testAlertRoutes(deps))
    .route('/api/audit', auditRoutes(deps))
    .route('/api/scaling', scalingRoutes(deps))
    .route('/api/scale', scaleRoutes(deps))
    .route('/api/docs', docsRoutes());
  publishOpenApi(app);

  app.notFound((c) => c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return sendError(c, error);
    // The client went away and its query was cancelled: nobody reads this answer, nothing failed.
    if (isQueryCancelled(error) && c.req.raw.signal.aborted) {
      return c.json(errorBody('cancelled', 'the request was abandoned by the client'), 503);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return sendError(c, new ApiError(error.status, 'bad_request', error.message || 'the request could not be read'));
    }
    deps.onError?.(error);
    return c.json(errorBody('unavailable', 'a backing service failed; see /api/health'), 503);
  });
  return app;
}

const notAllowed = (c: Context, methods: string[]) =>
  c.json(
    errorBody('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}; use ${methods.join(', ')}`),
    405,
    {
      Allow: methods.join(', '),
    },
  );
