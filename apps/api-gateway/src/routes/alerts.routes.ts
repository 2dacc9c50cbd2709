import { createRoute, z } from '@hono/zod-openapi';
import { AlertKind, AlertSeverity, ResourceId } from '@autoscale/contracts';
import { findEpisode, listAlerts, recordAck } from '@autoscale/db';
import { ApiError } from '../api-error';
import type { GatewayDeps } from '../deps';
import { jsonBody } from '../json-body';
import { AckBody, AckResponse, AlertStatusSchema, AlertsResponse } from '../openapi/alert.schemas';
import { apiRoutes } from '../openapi/api-routes';
import { ERRORS } from '../openapi/error.schemas';
import { BEARER } from '../openapi/security';
import { tag } from '../openapi/tags';
import { recordAudit } from '../audit/audit-trail';
import { authorOf, requireToken } from '../require-token.middleware';
import { lazySilenceStore } from '../silence-store';

const AlertsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  status: AlertStatusSchema.optional(),
  resource_id: ResourceId.optional(),
  kind: AlertKind.optional(),
  severity: AlertSeverity.optional(),
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'Only alerts fired at or after this time' }),
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: tag('Alerts'),
  summary: 'Alerts, newest first',
  description:
    'Each with its per-channel deliveries (status, attempts, last error) and overall status; why it was suppressed, when it was; ' +
    'who acknowledged its episode, when and why (`ackedBy`, `ackedAt`, `comment`; null when nobody did). Filters combine.',
  request: { query: AlertsQuery },
  responses: {
    200: {
      description: 'The newest alerts matching every filter',
      content: { 'application/json': { schema: AlertsResponse } },
    },
    400: ERRORS.badRequest,
    503: ERRORS.unavailable,
  },
});

/**
 * `GET /api/alerts?limit=&status=&resource_id=&kind=&severity=&since=`: the newest alerts
 * first (1–500, default 50), each with its per-channel deliveries (status, attempts, last
 * error) and overall status (pending | delivered | failed | suppressed | silenced), and
 * its episode's ack.
 *
 * `POST /api/alerts/:episodeId/ack` (token; the id URL-encoded): no more notifications of
 * that episode until it resolves (the `resolved` one is still sent); 409 once it has resolved.
 */
export function alertsRoutes(deps: GatewayDeps) {
  const { db } = deps;
  const store = lazySilenceStore(deps);
  const ackRoute = createRoute({
    method: 'post',
    path: '/{episodeId}/ack',
    tags: tag('Alerts'),
    summary: 'Acknowledge an episode',
    description:
      'No more notifications of the episode until it resolves (the `resolved` one is still sent). A resolved episode cannot be acknowledged (409).',
    security: BEARER,
    middleware: [requireToken(deps.config), jsonBody({ optional: false })] as const,
    request: {
      params: z.object({ episodeId: z.string().openapi({ description: "The alert's `episodeId`, URL-encoded" }) }),
      body: { required: true, content: { 'application/json': { schema: AckBody } } },
    },
    responses: {
      201: {
        description: 'The ack, recorded where the alerter reads it',
        content: { 'application/json': { schema: AckResponse } },
      },
      400: ERRORS.badRequest,
      401: ERRORS.unauthorized,
      404: ERRORS.notFound('No alert of that episode'),
      409: ERRORS.conflict('The episode has resolved: there is nothing left to acknowledge'),
      413: ERRORS.payloadTooLarge,
      415: ERRORS.unsupportedMediaType,
      503: ERRORS.unavailable,
    },
  });
  return apiRoutes()
    .openapi(ackRoute, async (c) => {
      const { episodeId } = c.req.valid('param');
      const body = c.req.valid('json');
      const episode = await findEpisode(db, episodeId);
      if (!episode) throw new ApiError(404, 'not_found', `no alert of episode ${episodeId}`);
      if (episode.resolved)
        throw new ApiError(409, 'conflict', `episode ${episodeId} has resolved; there is nothing left to acknowledge`);
      const ackedBy = authorOf(c, body.ackedBy);
      const ack = { v: 1 as const, episodeId, ackedBy, comment: body.comment, at: new Date().toISOString() };
      // The bucket first: it is what stops the alerter; the read model's copy is what /api/alerts shows.
      await (await store()).putAck(ack);
      await recordAck(db, ack);
      await recordAudit(deps, c, 'alert.acked', episodeId, { comment: body.comment });
      return c.json({ ack }, 201);
    })
    .openapi(listRoute, async (c) => {
      const q = c.req.valid('query');
      const alerts = await listAlerts(db, {
        limit: q.limit,
        status: q.status,
        resourceId: q.resource_id,
        kind: q.kind,
        severity: q.severity,
        since: q.since ? new Date(q.since) : undefined,
      });
      return c.json({ alerts }, 200);
    });
}
