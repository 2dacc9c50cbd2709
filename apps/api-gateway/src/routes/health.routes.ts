import { createRoute } from '@hono/zod-openapi';
import { PIPELINE_SERVICES } from '@autoscale/contracts';
import type { PipelineService } from '@autoscale/contracts';
import { collectServiceStats } from '@autoscale/bus';
import type { ConsumerProgress, ServiceInstanceStats } from '@autoscale/bus';
import { pingDatabase } from '@autoscale/db';
import type { GatewayDeps } from '../deps';
import { apiRoutes } from '../openapi/api-routes';
import { HealthResponse, LiveResponse } from '../openapi/health.schemas';
import { tag } from '../openapi/tags';
import { withinDeadline } from '../request-deadline';
import { progressHealth } from './progress-health';

// Every probe runs at once and is bounded, so health answers within ~1.2 s whatever is down.
const STATUS_TIMEOUT_MS = 1_200;

const liveRoute = createRoute({
  method: 'get',
  path: '/live',
  tags: tag('Health'),
  summary: 'Liveness',
  description: 'The gateway serves HTTP. Asks nothing of NATS or PostgreSQL: probes use it.',
  responses: { 200: { description: 'Serving', content: { 'application/json': { schema: LiveResponse } } } },
});

const healthRoute = createRoute({
  method: 'get',
  path: '/',
  tags: tag('Health'),
  summary: 'NATS, PostgreSQL and the pipeline services',
  description:
    'Whether NATS and PostgreSQL answer, which pipeline services answered the NATS stats request just now (with their counters), and the progress of every partition: `degraded` names the stalled ones.',
  responses: {
    200: { description: 'Every part is up', content: { 'application/json': { schema: HealthResponse } } },
    503: {
      description: 'Some part is down (`degraded`), with the same detail',
      content: { 'application/json': { schema: HealthResponse } },
    },
  },
});

/**
 * `GET /api/health`: NATS, PostgreSQL, and whether each pipeline service answered the NATS
 * micro-service stats request (`$SRV.STATS`) just now, and each durable's progress. 200 when
 * every part is up and no partition stalled (held messages without an ack for two lease
 * TTLs), 503 `degraded` otherwise, with the detail either way.
 */
export function healthRoutes(deps: GatewayDeps & { progress: ConsumerProgress }) {
  return (
    apiRoutes()
      // Liveness (Kubernetes, Compose, the image's HEALTHCHECK): the process serves HTTP. It asks
      // nothing of PostgreSQL or NATS, so an outage of either never gets the gateway restarted.
      .openapi(liveRoute, (c) => c.json({ status: 'ok' as const }, 200))
      .openapi(healthRoute, async (c) => {
        const [natsUp, postgresUp, running, report] = await Promise.all([
          natsAnswers(deps),
          withinDeadline(() => pingDatabase(deps.sql), STATUS_TIMEOUT_MS),
          collectServiceStats(deps.nc, deps.names, { maxWaitMs: STATUS_TIMEOUT_MS }).catch(() => []),
          deps.progress.read(),
        ]);
        const progress = progressHealth(report, deps.progress.stallMs);
        const services = Object.fromEntries(
          PIPELINE_SERVICES.map((name) => [name, serviceHealth(name, running)]),
        ) as Record<PipelineService, ReturnType<typeof serviceHealth>>;
        const ok =
          natsUp &&
          postgresUp &&
          Object.values(services).every((s) => s.up) &&
          progress.jetstream.up &&
          progress.stalled.length === 0;
        const health = {
          status: ok ? ('ok' as const) : ('degraded' as const),
          nats: { up: natsUp },
          postgres: { up: postgresUp },
          progress,
          services: { ...services, 'api-gateway': { up: true as const, counters: deps.counters.snapshot() } },
        };
        return ok ? c.json(health, 200) : c.json(health, 503);
      })
  );
}

/** A service is up when one instance answered; counters are summed over its replicas. */
function serviceHealth(service: string, running: ServiceInstanceStats[]) {
  const instances = running.filter((s) => s.service === service);
  if (instances.length === 0)
    return { up: false as const, error: `no ${service} answered within ${STATUS_TIMEOUT_MS} ms` };
  const counters: Record<string, number> = {};
  for (const instance of instances) {
    for (const [name, value] of Object.entries(instance.counters)) counters[name] = (counters[name] ?? 0) + value;
  }
  return {
    up: true as const,
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
