import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { SERVICE_VERSION } from '@autoscale/bus';
import { OPENAPI_PATH } from '../docs/api-docs-files';
import { BEARER_SCHEME } from './security';
import { tag, TAGS } from './tags';
import { registerWebhooks } from './webhook.schemas';

const INFO = {
  title: 'AutoScale CIRM API',
  version: SERVICE_VERSION,
  description:
    'Watch CPU and memory, forecast saturation, alert before it happens. Every error is `{"error": {"code", "message"}}`: ' +
    '4xx for what the client sent (405 with `Allow` for a wrong method on a known path), 503 when a backing service is down.',
};

const OpenApiDocument = z
  .looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .openapi('OpenApiDocument');

const route = createRoute({
  method: 'get',
  path: OPENAPI_PATH,
  tags: tag('API description'),
  summary: 'This document',
  description: 'OpenAPI 3.1, generated from the route definitions the gateway serves.',
  responses: {
    200: { description: 'The OpenAPI document', content: { 'application/json': { schema: OpenApiDocument } } },
  },
});

/**
 * Serves the OpenAPI 3.1 document of every route registered on `app` at
 * `GET /api/openapi.json`; call it once every route is on. Built on first request, then kept:
 * the routes do not change while the gateway runs.
 *
 * @example
 * publishOpenApi(app.route('/api/alerts', alertsRoutes(deps)));
 */
export function publishOpenApi(app: OpenAPIHono) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', BEARER_SCHEME);
  registerWebhooks(app);
  let document: z.infer<typeof OpenApiDocument> | undefined;
  return app.openapi(route, (c) => {
    document ??= app.getOpenAPI31Document({ openapi: '3.1.0', info: INFO, tags: [...TAGS] }) as z.infer<
      typeof OpenApiDocument
    >;
    return c.json(document, 200);
  });
}
