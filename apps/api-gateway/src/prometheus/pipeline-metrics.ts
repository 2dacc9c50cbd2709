import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { PIPELINE_SERVICES } from '@autoscale/contracts';
import { collectServiceStats, consumerLag } from '@autoscale/bus';
import type { ConsumerProgress } from '@autoscale/bus';
import type { GatewayDeps } from '../deps';

/**
 * The pipeline as Prometheus sees it, gathered over NATS at each scrape (the other services
 * expose no HTTP): every service instance's counters from `$SRV.STATS`, whether each service
 * answered, and each durable consumer's lag from JetStream.
 */
export function pipelineMetrics(registry: Registry, deps: GatewayDeps & { progress: ConsumerProgress }) {
  const registers = [registry];
  const events = new Counter({
    name: 'autoscale_events_total',
    help: 'Pipeline counters reported by each service instance (samples published, forecasts, alerts, delivery failures, terminated messages…)',
    labelNames: ['service', 'instance', 'counter'],
    registers,
  });
  const up = new Gauge({
    name: 'autoscale_service_up',
    help: '1 when at least one instance of the service answered',
    labelNames: ['service'],
    registers,
  });
  const instances = new Gauge({
    name: 'autoscale_service_instances',
    help: 'Instances of the service that answered',
    labelNames: ['service'],
    registers,
  });
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
  const stalledSeconds = new Gauge({
    name: 'autoscale_consumer_stalled_seconds',
    help: 'Seconds since the durable last acked while it held messages (0 when it holds none); per partition',
    labelNames: ['service', 'consumer', 'partition'],
    registers,
  });
  const stalled = new Gauge({
    name: 'autoscale_consumer_stalled',
    help: '1 when the durable held messages without an ack for two lease TTLs (see /api/health)',
    labelNames: ['service', 'consumer', 'partition'],
    registers,
  });

  return {
    /** Replaces every value with what NATS says now. */
    async refresh() {
      const [running, lag, progress] = await Promise.all([
        collectServiceStats(deps.nc, deps.names),
        consumerLag(deps.nc, Object.values(deps.names.streams)).catch(() => []),
        deps.progress.read(),
      ]);
      for (const metric of [events, up, instances, pending, ackPending, stalledSeconds, stalled]) metric.reset();
      for (const d of progress.durables) {
        const labels = {
          service: d.service,
          consumer: d.consumer,
          partition: d.partition === null ? '' : String(d.partition),
        };
        stalledSeconds.set(labels, d.stalledSec);
        stalled.set(labels, d.stalled ? 1 : 0);
      }
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
