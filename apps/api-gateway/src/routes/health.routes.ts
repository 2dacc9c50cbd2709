import { Hono } from 'hono';
import { PIPELINE_SERVICES, ServiceStatus } from '@autoscale/contracts';
import { pingDatabase } from '@autoscale/db';
import type { GatewayDeps } from '../deps';
import { withinDeadline } from '../request-deadline';

// Every probe runs at once and is bounded, so health answers within ~1.2 s whatever is down.
const STATUS_TIMEOUT_MS = 1_200;

/**
 * `GET /api/health`: NATS, PostgreSQL, and whether each pipeline service answered a status
 * request just now. 200 when every part is up, 503 otherwise, with the detail either way.
 */
export function healthRoutes(deps: GatewayDeps) {
  return new Hono().get('/', async (c) => {
    const [natsUp, postgresUp, ...services] = await Promise.all([
      natsAnswers(deps),
      withinDeadline(() => pingDatabase(deps.sql), STATUS_TIMEOUT_MS),
      ...PIPELINE_SERVICES.map((service) => askStatus(deps, service)),
    ]);
    const serviceMap = Object.fromEntries(PIPELINE_SERVICES.map((name, i) => [name, services[i]]));
    const ok = natsUp && postgresUp && services.every((s) => s?.up);
    return c.json(
      {
        status: ok ? 'ok' : 'degraded',
        nats: { up: natsUp },
        postgres: { up: postgresUp },
        services: { ...serviceMap, 'api-gateway': { up: true, counters: deps.counters.snapshot() } },
      },
      ok ? 200 : 503,
    );
  });
}

/**
 * A flush is a round trip to the server. While NATS is unreachable the client holds it until
 * it reconnects, so it is bounded by the same timeout as the status requests.
 */
export const natsAnswers = (deps: Pick<GatewayDeps, 'nc'>) =>
  withinDeadline(async () => !deps.nc.isClosed() && (await deps.nc.flush().then(() => true)), STATUS_TIMEOUT_MS);

async function askStatus(deps: GatewayDeps, service: string) {
  try {
    const reply = await deps.nc.request(deps.names.subjects.serviceStatus(service), '', { timeout: STATUS_TIMEOUT_MS });
    const status = ServiceStatus.parse(reply.json());
    return { up: true, instance: status.instance, startedAt: status.startedAt, counters: status.counters };
  } catch (error) {
    return { up: false, error: error instanceof Error ? error.message : String(error) };
  }
}
