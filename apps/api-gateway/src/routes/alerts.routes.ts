import { Hono } from 'hono';
import { z } from 'zod';
import { AlertKind, AlertSeverity, ALERT_STATUSES, ResourceId } from '@autoscale/contracts';
import type { AlertStatus } from '@autoscale/contracts';
import { listAlerts } from '@autoscale/db';
import { parseQuery } from '../api-error';
import type { GatewayDeps } from '../deps';

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
 */
export function alertsRoutes({ db }: GatewayDeps) {
  return new Hono().get('/', async (c) => {
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
