import { createRoute, z } from '@hono/zod-openapi';
import { AuditAction, AuditRecorded } from '@autoscale/contracts';
import { lastMessages } from '@autoscale/bus';
import type { GatewayDeps } from '../deps';
import { apiRoutes } from '../openapi/api-routes';
import { ERRORS } from '../openapi/error.schemas';
import { BEARER } from '../openapi/security';
import { tag } from '../openapi/tags';
import { requireToken } from '../require-token.middleware';

const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  action: AuditAction.optional(),
});
const AuditResponse = z.object({ entries: z.array(AuditRecorded) }).openapi('AuditResponse');

/**
 * `GET /api/audit?limit=&action=` (token): the newest changes made through the API first —
 * silences, their deletion, acks, test alerts — each with the name of the token that made
 * it. Read from the AUDIT stream (kept a year), so every gateway replica lists the same trail.
 */
export function auditRoutes(deps: GatewayDeps) {
  const route = createRoute({
    method: 'get',
    path: '/',
    tags: tag('Audit'),
    summary: 'Who changed what, newest first',
    description:
      'Silences created and deleted, acks, test alerts; each with the name of the API token that authorised it.',
    security: BEARER,
    middleware: [requireToken(deps.config)] as const,
    request: { query: AuditQuery },
    responses: {
      200: { description: 'The newest entries', content: { 'application/json': { schema: AuditResponse } } },
      400: ERRORS.badRequest,
      401: ERRORS.unauthorized,
      503: ERRORS.unavailable,
    },
  });
  return apiRoutes().openapi(route, async (c) => {
    const { limit, action } = c.req.valid('query');
    // Filtered after reading: the trail is small (people's actions), and a filter keeps the limit's meaning loose.
    const stored = await lastMessages(deps.nc, deps.names.streams.audit, action ? 500 : limit);
    const entries = stored
      .map((m) => AuditRecorded.safeParse(m.data))
      .flatMap((r) => (r.success ? [r.data] : []))
      .filter((e) => !action || e.action === action)
      .reverse()
      .slice(0, limit);
    return c.json({ entries }, 200);
  });
}
