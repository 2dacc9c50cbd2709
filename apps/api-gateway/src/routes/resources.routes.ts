import { Hono } from 'hono';
import { listResources } from '@autoscale/db';
import type { GatewayDeps } from '../deps';

/** `GET /api/resources`: every resource seen, with its newest values (the resources table). */
export function resourcesRoutes({ db }: GatewayDeps) {
  return new Hono().get('/', async (c) => c.json({ resources: await listResources(db, c.req.raw.signal) }));
}
