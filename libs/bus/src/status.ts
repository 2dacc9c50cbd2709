import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames, PipelineService, ServiceStatus } from '@autoscale/contracts';
import type { Counters } from '@autoscale/observability';
import { hostname } from 'node:os';

/**
 * Answers `autoscale.status.<service>` so the gateway's health check can tell that the
 * service is alive and what it has done. Replicas share a queue group: one answers.
 */
export function serveStatus(nc: NatsConnection, names: BusNames, service: PipelineService, counters: Counters) {
  const startedAt = new Date().toISOString();
  const instance = `${hostname()}:${process.pid}`;
  return nc.subscribe(names.subjects.serviceStatus(service), {
    queue: service,
    callback: (_error, msg) => {
      const status: ServiceStatus = { service, instance, startedAt, counters: counters.snapshot() };
      msg.respond(JSON.stringify(status));
    },
  });
}
