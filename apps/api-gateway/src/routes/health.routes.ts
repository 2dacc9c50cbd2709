import { Hono } from 'hono';
import { PIPELINE_SERVICES } from '@autoscale/contracts';
import { collectServiceStats } from '@autoscale/bus';
import type { ServiceInstanceStats } from '@autoscale/bus';
import { pingDatabase } from '@autoscale/db';
import type { GatewayDeps } from '../deps';
import { withinDeadline } from '../request-deadline';

// Every probe runs at once and is bounded, so health answers within ~1.2 s whatever is down.
const STATUS_TIMEOUT_MS = 1_200;

/**
 * `GET /api/health`: NATS, PostgreSQL, and whether each pipeline service answered the NATS
 * micro-service stats request (`$SRV.STATS`) just now. 200 when every part is up, 503
 * otherwise, with the detail either way.
 */
export function healthRoutes(deps: GatewayDeps) {
  return (
    new Hono()
      // Liveness (Kubernetes, Compose, the image's HEALTHCHECK): the process serves HTTP. It asks
      // nothing of PostgreSQL or NATS, so an outage of either never gets the gateway restarted.
      .get('/live', (c) => c.json({ status: 'ok' }))
      .get('/', async (c) => {
        const [natsUp, postgresUp, running] = await Promise.all([
          natsAnswers(deps),
          withinDeadline(() => pingDatabase(deps.sql), STATUS_TIMEOUT_MS),
          collectServiceStats(deps.nc, deps.names, { maxWaitMs: STATUS_TIMEOUT_MS }).catch(() => []),
        ]);
        const services = Object.fromEntries(PIPELINE_SERVICES.map((name) => [name, serviceHealth(name, running)]));
        const ok = natsUp && postgresUp && Object.values(services).every((s) => s.up);
        return c.json(
          {
            status: ok ? 'ok' : 'degraded',
            nats: { up: natsUp },
            postgres: { up: postgresUp },
            services: { ...services, 'api-gateway': { up: true, counters: deps.counters.snapshot() } },
          },
          ok ? 200 : 503,
        );
      })
  );
}

/** A service is up when one instance answered; counters are summed over its replicas. */
function serviceHealth(service: string, running: ServiceInstanceStats[]) {
  const instances = running.filter((s) => s.service === service);
  if (instances.length === 0) return { up: false, error: `no ${service} answered within ${STATUS_TIMEOUT_MS} ms` };
  const counters: Record<string, number> = {};
  for (const instance of instances) {
    for (const [name, value] of Object.entries(instance.counters)) counters[name] = (counters[name] ?? 0) + value;
  }
  return {
    up: true,
    instances: instances.map(({ instance, startedAt, version }) => ({ instance, startedAt, version })),
    counters,
  };
}

/**
 * A flush is a round trip to the server. While NATS is unreachable the client holds it until
 * it reconnects, so it is bounded by the same timeout as the stats request.
 */
export const natsAnswers = (deps: Pick<GatewayDeps, 'nc'>) =>
  withinDeadline(async () => !deps.nc.isClosed() && (await deps.nc.flush().then(() => true)), STATUS_TIMEOUT_MS);
