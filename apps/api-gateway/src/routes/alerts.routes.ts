import { Hono } from 'hono';
import { z } from 'zod';
import { listAlerts } from '@autoscale/db';
import { parseQuery } from '../api-error';
import type { GatewayDeps } from '../deps';

const AlertsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

/** `GET /api/alerts?limit=`: the newest alerts first, 1–500 (default 50). */
export function alertsRoutes({ db }: GatewayDeps) {
  return new Hono().get('/', async (c) => {
    const { limit } = parseQuery(c, AlertsQuery);
    return c.json({ alerts: await listAlerts(db, limit) });
  });
}
