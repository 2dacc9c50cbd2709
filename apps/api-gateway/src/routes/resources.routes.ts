import { createRoute } from '@hono/zod-openapi';
import type { z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { resourcePage } from '@autoscale/db';
import type { Database } from '@autoscale/db';
import type { GatewayDeps } from '../deps';
import { apiRoutes } from '../openapi/api-routes';
import { ERRORS } from '../openapi/error.schemas';
import { ResourcePage, ResourcePageQuery } from '../openapi/resource-page.schemas';
import { tag } from '../openapi/tags';
import { formatPageCursor, parsePageCursor } from '../paging/page-cursor';
import { sendShared } from '../paging/send-shared';
import { sharedReads } from '../paging/shared-reads';
import { NEEDED_SAMPLES, SUMMARY_MAX_AGE_MS } from './forecast-summaries';

const route = createRoute({
  method: 'get',
  path: '/',
  tags: tag('Resources and metrics'),
  summary: 'The resources, a page at a time, worst first',
  description:
    'Each resource with its newest cpu/mem, status and latest forecasts (no chart points): the overview’s one read. ' +
    'Sorted and filtered on the server (id glob, provider, labels, status); `total` counts every match, `next` is the cursor of the following page. ' +
    'Answers are at most a second old and carry an `ETag`: send it back in `If-None-Match` for a `304` while nothing changed.',
  request: { query: ResourcePageQuery },
  responses: {
    200: { description: 'One page', content: { 'application/json': { schema: ResourcePage } } },
    304: { description: 'Unchanged since the ETag given in `If-None-Match`' },
    400: ERRORS.badRequest,
    503: ERRORS.unavailable,
  },
});

type Query = z.infer<typeof ResourcePageQuery>;

async function readPage(db: Database, query: Query) {
  const page = await resourcePage(db, {
    limit: query.limit,
    sort: query.sort,
    after: query.cursor === undefined ? undefined : parsePageCursor(query.sort, query.cursor),
    idGlob: query.id,
    provider: query.provider,
    labels: query.label,
    status: query.status,
  });
  return {
    total: page.total,
    next: page.next ? formatPageCursor(query.sort, page.next) : null,
    resources: page.resources.map((r) => ({ ...r, needed: NEEDED_SAMPLES })),
  };
}

/**
 * `GET /api/resources?limit=&cursor=&sort=&id=&provider=&label=&status=`: a page of the
 * resources table joined with the latest forecasts, worst first. Each distinct query is read
 * at most once per half second and shared by every caller (10,000 machines make this the
 * read every dashboard repeats), with an ETag for conditional requests.
 */
export function resourcesRoutes({ db }: GatewayDeps) {
  const pages = sharedReads({ maxAgeMs: SUMMARY_MAX_AGE_MS, maxKeys: 256 });
  return apiRoutes().openapi(route, async (c) => {
    const query = c.req.valid('query');
    // Validate the cursor before the shared read, so a bad one is this caller's 400.
    if (query.cursor !== undefined) parsePageCursor(query.sort, query.cursor);
    const shared = await pages(JSON.stringify(query), () => readPage(db, query));
    // The body is already serialised and shared; the typed c.json cannot say of a string that it is a ResourcePage.
    return sendShared(c, shared) as unknown as TypedResponse<z.infer<typeof ResourcePage>, 200, 'json'>;
  });
}
