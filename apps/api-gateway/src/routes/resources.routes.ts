import { createRoute } from '@hono/zod-openapi';
import { listResources } from '@autoscale/db';
import type { GatewayDeps } from '../deps';
import { apiRoutes } from '../openapi/api-routes';
import { ERRORS } from '../openapi/error.schemas';
import { ResourcesResponse } from '../openapi/resource.schemas';
import { tag } from '../openapi/tags';

const route = createRoute({
  method: 'get',
  path: '/',
  tags: tag('Resources and metrics'),
  summary: 'Every resource seen',
  description: 'Provider, first and last seen, newest cpu/mem, samples stored; `memoryAvailable` false when the provider has no memory metric.',
  responses: {
    200: { description: 'By resource id', content: { 'application/json': { schema: ResourcesResponse } } },
    503: ERRORS.unavailable,
  },
});

/** `GET /api/resources`: every resource seen, with its newest values (the resources table). */
export function resourcesRoutes({ db }: GatewayDeps) {
  return apiRoutes().openapi(route, async (c) => c.json({ resources: await listResources(db, c.req.raw.signal) }, 200));
}
