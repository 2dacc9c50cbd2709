import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { PIPELINE_SERVICES } from '@autoscale/contracts';
import { collectServiceStats, consumerLag } from '@autoscale/bus';
import type { GatewayDeps } from '../deps';

/**
 * The pipeline as Prometheus sees it, gathered over NATS at each scrape (the other services
 * expose no HTTP): every service instance's counters from `$SRV.STATS`, whether each service
 * answered, and each durable consumer's lag from JetStream.
 */
export function pipelineMetrics(registry: Registry, deps: GatewayDeps) {
  const registers = [registry];
  const events = new Counter({
    name: 'autoscale_events_total',
    help: 'Pipeline counters reported by each service instance (samples published, forecasts, alerts, delivery failures, terminated messages…)',
    labelNames: ['service', 'instance', 'counter'],
    registers,
  });
  const up = new Gauge({ name: 'autoscale_service_up', help: '1 when at least one instance of the service answered', labelNames: ['service'], registers });
  const instances = new Gauge({ name: 'autoscale_service_instances', help: 'Instances of the service that answered', labelNames: ['service'], registers });
  const pending = new Gauge({
    name: 'autoscale_consumer_pending_messages',
    help: 'Messages in the stream not yet delivered to the durable consumer (lag)',
    labelNames: ['stream', 'consumer'],
    registers,
  });
  const ackPending = new Gauge({
    name: 'autoscale_consumer_ack_pending_messages',
    help: 'Messages delivered to the durable consumer and not yet acknowledged',
    labelNames: ['stream', 'consumer'],
    registers,
  });

  return {
    /** Replaces every value with what NATS says now. */
    async refresh() {
      const [running, lag] = await Promise.all([
        collectServiceStats(deps.nc, deps.names),
        consumerLag(deps.nc, Object.values(deps.names.streams)).catch(() => []),
      ]);
      for (const metric of [events, up, instances, pending, ackPending]) metric.reset();
      for (const service of [...PIPELINE_SERVICES, 'api-gateway']) {
        const count = running.filter((s) => s.service === service).length;
        up.set({ service }, count > 0 ? 1 : 0);
        instances.set({ service }, count);
      }
      for (const { service, instance, counters } of running) {
        for (const [counter, value] of Object.entries(counters)) events.inc({ service, instance, counter }, value);
      }
      for (const l of lag) {
        pending.set({ stream: l.stream, consumer: l.consumer }, l.pending);
        ackPending.set({ stream: l.stream, consumer: l.consumer }, l.ackPending);
      }
    },
  };
}
