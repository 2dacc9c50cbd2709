import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { busNames, LIMITS } from '@autoscale/contracts';
import { createCounters, createLogger } from '@autoscale/observability';
import { busOver } from '../open-bus';

/**
 * A NATS connection and a bus namespace of the test's own (`t<random>`): streams, subjects
 * and the KV buckets never collide with a running system or another test. `cleanup` deletes
 * every stream of the namespace and closes the connection. `bus` is the front door over that
 * connection (one replica, as on the shared single server), what services are handed.
 *
 * @example
 * const bus = await createTestBus();
 * afterAll(() => bus.cleanup());
 */
export async function createTestBus(options: { partitions?: number } = {}) {
  const namespace = `t${randomBytes(5).toString('hex')}`;
  const url = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const nc = await connect({ servers: url });
  const names = busNames(namespace, options.partitions);
  const bus = busOver(
    nc,
    {
      BUS_NAMESPACE: namespace,
      FORECASTER_PARTITIONS: names.partitions,
      STREAM_REPLICAS: 1,
      MAX_CLOCK_SKEW_SEC: LIMITS.maxClockSkewSec,
    },
    { service: 'test', log: createLogger('test', 'silent'), counters: createCounters() },
  );
  return {
    url,
    nc,
    names,
    namespace,
    bus,
    async cleanup() {
      const jsm = await jetstreamManager(nc);
      const prefix = namespace.toUpperCase();
      for await (const stream of jsm.streams.list()) {
        const name = stream.config.name;
        if (name.startsWith(`${prefix}_`) || name.startsWith(`KV_${prefix}_`)) await jsm.streams.delete(name);
      }
      await nc.close();
    },
  };
}

export type TestBus = Awaited<ReturnType<typeof createTestBus>>;
