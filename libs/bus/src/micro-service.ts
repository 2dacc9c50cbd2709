import { hostname } from 'node:os';
import { Svcm } from '@nats-io/services';
import type { Service } from '@nats-io/services';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames, ServiceStatus } from '@autoscale/contracts';
import type { Counters } from '@autoscale/observability';

/** The product version every service announces (`nats micro info`). */
export const SERVICE_VERSION = '0.1.0';

/**
 * Registers the process as a NATS micro-service, so `nats micro list|info|stats` show it and
 * the gateway's `/api/health` and `/metrics` find it: `$SRV.PING|INFO|STATS.<name>` answer,
 * the stats carry the service's counters as the `status` endpoint's data, and `<name>.status`
 * answers with a {@link ServiceStatus}. Replicas share the default queue group on `status`.
 *
 * @example
 * const service = await registerService(nc, names, 'collector', counters);
 * await service.stop();
 */
export async function registerService(
  nc: NatsConnection,
  names: BusNames,
  service: string,
  counters: Counters,
): Promise<Service> {
  const startedAt = new Date().toISOString();
  const instance = `${hostname()}:${process.pid}`;
  const name = names.services.name(service);
  const micro = await new Svcm(nc).add({
    name,
    version: SERVICE_VERSION,
    description: `AutoScale CIRM ${service}`,
    metadata: { service, instance, namespace: names.namespace },
    statsHandler: () => Promise.resolve(counters.snapshot()),
  });
  // WARNING: wire name — `<name>.status` is what operators `nats request`; renaming breaks them.
  micro.addGroup(name).addEndpoint('status', (_error, msg) => {
    const status: ServiceStatus = { service, instance, startedAt, counters: counters.snapshot() };
    msg.respond(JSON.stringify(status));
  });
  return micro;
}

export type { Service };
