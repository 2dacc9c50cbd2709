import { Hono } from 'hono';
import { z } from 'zod';
import { AlertKind, AlertSeverity, ALERT_STATUSES, ResourceId } from '@autoscale/contracts';
import type { AlertStatus } from '@autoscale/contracts';
import { episodeExists, listAlerts } from '@autoscale/db';
import { ApiError, parseQuery } from '../api-error';
import type { GatewayDeps } from '../deps';
import { readJsonBody } from '../json-body';
import { requireToken } from '../require-token.middleware';
import { lazySilenceStore } from '../silence-store';

const AckBody = z.object({ ackedBy: z.string().min(1).max(200), comment: z.string().max(1000).default('') });

const AlertsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  status: z.enum(ALERT_STATUSES as [AlertStatus, ...AlertStatus[]]).optional(),
  resource_id: ResourceId.optional(),
  kind: AlertKind.optional(),
  severity: AlertSeverity.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
});

/**
 * `GET /api/alerts?limit=&status=&resource_id=&kind=&severity=&since=`: the newest alerts
 * first (1–500, default 50), each with its per-channel deliveries (status, attempts, last
 * error) and overall status (pending | delivered | failed | suppressed | silenced).
 *
 * `POST /api/alerts/:episodeId/ack` (token; the id URL-encoded): no more notifications of
 * that episode until it resolves (the `resolved` one is still sent).
 */
export function alertsRoutes(deps: GatewayDeps) {
  const { db } = deps;
  const store = lazySilenceStore(deps);
  return new Hono()
    .post('/:episodeId/ack', requireToken(deps.config.API_TOKEN), async (c) => {
      const episodeId = c.req.param('episodeId');
      const body = await readJsonBody(c.req.raw, AckBody);
      if (!(await episodeExists(db, episodeId))) throw new ApiError(404, 'not_found', `no alert of episode ${episodeId}`);
      const ack = { v: 1 as const, episodeId, ackedBy: body.ackedBy, comment: body.comment, at: new Date().toISOString() };
      await (await store()).putAck(ack);
      return c.json({ ack }, 201);
    })
    .get('/', async (c) => {
    const q = parseQuery(c, AlertsQuery);
    const alerts = await listAlerts(db, {
      limit: q.limit,
      status: q.status,
      resourceId: q.resource_id,
      kind: q.kind,
      severity: q.severity,
      since: q.since ? new Date(q.since) : undefined,
    });
    return c.json({ alerts });
  });
}
