import { jetstream } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { z } from 'zod';
import { boundedEvents, busNames } from '@autoscale/contracts';
import type { BusNames, TimeBounds } from '@autoscale/contracts';
import { retryWithBackoff } from '@autoscale/observability';
import type { Counters, Logger } from '@autoscale/observability';
import { connectNats } from './connect';
import type { NatsConnection } from './connect';
import { consumePartitions } from './consume-partitions';
import type { PartitionConsumeOptions } from './consume-partitions';
import { openKv } from './kv';
import type { KV, KvBucketOptions } from './kv';
import { registerService } from './micro-service';
import type { NatsSecurity } from './nats-options';
import { ensureBus } from './provision';
import { publisher } from './typed-publish';
import type { Publisher } from './typed-publish';

/** The part of a service's config the bus reads (every service has it through `commonEnv`). */
export type BusConfig = NatsSecurity & {
  NATS_URL: string;
  BUS_NAMESPACE: string;
  FORECASTER_PARTITIONS: number;
  STREAM_REPLICAS: number;
  MAX_CLOCK_SKEW_SEC: number;
};

/** What varies per process rather than per deployment. */
export type BusContext = { service: string; log: Logger; counters: Counters };

/** The options a partitioned consumer still chooses; connection, names and replicas are the bus's. */
export type BusPartitionConsumeOptions<S extends z.ZodType> = Omit<
  PartitionConsumeOptions<S>,
  'nc' | 'js' | 'names' | 'replicas' | 'log' | 'counters'
> &
  Partial<Pick<PartitionConsumeOptions<S>, 'log' | 'counters'>>;

/**
 * The bus with its options bound once: replicas, namespace, partitions and clock bounds come
 * from the config and reach every stream, KV bucket and consumer it provisions, on every path.
 */
export type Bus = {
  nc: NatsConnection;
  js: JetStreamClient;
  names: BusNames;
  /** Copies of every stream and KV bucket (STREAM_REPLICAS). */
  replicas: number;
  /** Events dated beyond the clock skew are refused (consumers and replays). */
  bounds: TimeBounds;
  /** The event descriptors with the bounds applied. */
  events: ReturnType<typeof boundedEvents>;
  publish: Publisher;
  /** Creates or brings up to date every stream and durable (idempotent, concurrent-safe). */
  ensure(options?: { maxDeliver?: number }): Promise<JetStreamManager>;
  /** Opens (creating, or bringing replicas and TTL up to date) a KV bucket. */
  kv(bucket: string, options?: KvBucketOptions): Promise<KV>;
  consumePartitions<S extends z.ZodType>(
    options: BusPartitionConsumeOptions<S>,
  ): ReturnType<typeof consumePartitions<S>>;
  /** Announces this process as a NATS micro-service (health and /metrics find it). */
  register(): ReturnType<typeof registerService>;
  /** A round trip to the server (liveness). */
  flush(): Promise<void>;
  /** Drains the connection, or closes it when NATS does not answer within 2 s. */
  close(): Promise<void>;
};

/**
 * Connects to NATS (waiting while it is unreachable) and returns the {@link Bus} with the
 * service's config bound: no call site passes replicas, namespace or bounds again.
 *
 * @example
 * const bus = await openBus(config, { service: 'collector', log, counters });
 * const jsm = await bus.ensure();
 * await bus.register();
 * onShutdown(log, () => bus.close());
 */
export async function openBus(config: BusConfig, context: BusContext): Promise<Bus> {
  const nc = await connectNats({ url: config.NATS_URL, name: context.service, log: context.log, security: config });
  return busOver(nc, config, context);
}

/**
 * The {@link Bus} over a connection already open (tests, tools that connect their own way).
 *
 * @example
 * const bus = busOver(nc, { BUS_NAMESPACE: 't1', FORECASTER_PARTITIONS: 4, STREAM_REPLICAS: 1, MAX_CLOCK_SKEW_SEC: 300 }, ctx);
 */
export function busOver(
  nc: NatsConnection,
  config: Omit<BusConfig, 'NATS_URL' | keyof NatsSecurity>,
  context: BusContext,
): Bus {
  const names = busNames(config.BUS_NAMESPACE, config.FORECASTER_PARTITIONS);
  const replicas = config.STREAM_REPLICAS;
  const js = jetstream(nc);
  const bounds: TimeBounds = { now: Date.now, maxClockSkewSec: config.MAX_CLOCK_SKEW_SEC };
  const { log, counters } = context;
  return {
    nc,
    js,
    names,
    replicas,
    bounds,
    events: boundedEvents(bounds),
    publish: publisher(js, names),
    ensure: (options = {}) =>
      retryWithBackoff(() => ensureBus(nc, names, { ...options, replicas }), { what: 'JetStream', log }),
    kv: (bucket, options = {}) => openKv(nc, bucket, { ...options, replicas }),
    consumePartitions: (options) => consumePartitions({ log, counters, ...options, nc, js, names, replicas }),
    register: () => registerService(nc, names, context.service, counters),
    flush: () => nc.flush(),
    async close() {
      if (nc.isClosed()) return;
      // drain() waits for the server; with NATS unreachable, close instead of hitting the hard timeout.
      const drained = await Promise.race([
        nc.drain().then(() => true),
        new Promise<boolean>((resolve) => setTimeout(resolve, 2_000, false)),
      ]);
      if (!drained) await nc.close();
    },
  };
}
