import { jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@autoscale/contracts';
import { isNotFound } from './nats-errors';

/** How one durable of the pipeline is getting on. */
export type DurableProgress = {
  /** The service that consumes it. */
  service: 'forecaster' | 'alerter' | 'api-gateway';
  stream: string;
  consumer: string;
  /** The partition, for the forecaster's and alerter's durables. */
  partition: number | null;
  /** Messages not yet handled: undelivered plus delivered and unacked. */
  pending: number;
  /** Seconds since its ack floor last moved while it held messages (0 when it holds none). */
  stalledSec: number;
  /** True when it held messages without its ack floor moving for the stall threshold. */
  stalled: boolean;
};

export type ProgressReport = {
  /** False when JetStream did not answer (no quorum, NATS down): progress is unknown. */
  readable: boolean;
  durables: DurableProgress[];
};

type Durable = Pick<DurableProgress, 'service' | 'stream' | 'consumer' | 'partition'>;

/** Every durable whose progress matters: the partitions and the gateway's projections. */
function pipelineDurables(names: BusNames): Durable[] {
  const { streams, durables } = names;
  const partitions = Array.from({ length: names.partitions }, (_, p) => p);
  return [
    ...partitions.map((p) => ({ service: 'forecaster' as const, stream: streams.metrics, consumer: durables.forecaster(p), partition: p })),
    ...partitions.map((p) => ({ service: 'alerter' as const, stream: streams.forecasts, consumer: durables.alerter(p), partition: p })),
    { service: 'api-gateway', stream: streams.metrics, consumer: durables.gatewayMetrics, partition: null },
    { service: 'api-gateway', stream: streams.forecasts, consumer: durables.gatewayForecasts, partition: null },
    { service: 'api-gateway', stream: streams.alerts, consumer: durables.gatewayAlerts, partition: null },
  ];
}

/**
 * Watches the pipeline's durables (one `consumers.info` each per read): a durable holding
 * messages whose ack floor has not moved for `stallMs` is stalled — work someone holds and
 * is not doing, whatever the connections say. Time is measured between reads, so read it
 * regularly (the gateway does every few seconds and on each health or metrics request).
 *
 * @example
 * const progress = trackConsumerProgress(nc, names, { stallMs: 30_000 });
 * const { durables } = await progress.read();
 * durables.filter((d) => d.stalled).map((d) => d.consumer); // ['forecaster-p3']
 */
export function trackConsumerProgress(nc: NatsConnection, names: BusNames, opts: { stallMs: number; timeoutMs?: number }) {
  const floors = new Map<string, { floor: number; movedAt: number }>();
  const watched = pipelineDurables(names);

  async function readOne(jsm: JetStreamManager, durable: Durable, now: number): Promise<DurableProgress | 'missing'> {
    const info = await jsm.consumers.info(durable.stream, durable.consumer).catch((error: unknown) => {
      // "consumer/stream not found" is an answer (not provisioned yet); a timeout is not.
      if (isNotFound(error)) return 'missing' as const;
      throw error;
    });
    if (info === 'missing') return 'missing';
    const pending = info.num_pending + info.num_ack_pending;
    const floor = info.ack_floor.stream_seq;
    const seen = floors.get(durable.consumer);
    if (!seen || pending === 0 || seen.floor !== floor) floors.set(durable.consumer, { floor, movedAt: now });
    const movedAt = floors.get(durable.consumer)?.movedAt ?? now;
    const stalledMs = pending === 0 ? 0 : now - movedAt;
    return { ...durable, pending, stalledSec: Math.round(stalledMs / 100) / 10, stalled: pending > 0 && stalledMs >= opts.stallMs };
  }

  return {
    stallMs: opts.stallMs,
    async read(): Promise<ProgressReport> {
      const now = Date.now();
      const jsm = await jetstreamManager(nc, { timeout: opts.timeoutMs ?? 1_000, checkAPI: false });
      const read = await Promise.all(watched.map((d) => readOne(jsm, d, now).catch(() => null)));
      const durables = read.filter((d): d is DurableProgress => d !== null && d !== 'missing');
      return { readable: read.some((d) => d !== null), durables };
    },
  };
}

export type ConsumerProgress = ReturnType<typeof trackConsumerProgress>;
