import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounters, createLogger } from '@autoscale/observability';
import { busOver } from './open-bus';
import { natsConnectOptions } from './nats-options';
import { startNatsCluster } from './testing/nats-cluster.process';
import type { TestNatsCluster } from './testing/nats-cluster.process';

const context = { service: 'test', log: createLogger('test', 'silent'), counters: createCounters() };
const config = (replicas: number) => ({
  BUS_NAMESPACE: 'upgrade',
  FORECASTER_PARTITIONS: 2,
  STREAM_REPLICAS: replicas,
  MAX_CLOCK_SKEW_SEC: 300,
});

let cluster: TestNatsCluster;
let nc: NatsConnection;

beforeAll(async () => {
  cluster = await startNatsCluster(3);
  nc = await connect({ ...natsConnectOptions(cluster.url), maxReconnectAttempts: -1 });
}, 40_000);

afterAll(async () => {
  await nc?.close();
  await cluster?.dispose();
});

/** Replicas of every stream of the namespace, KV buckets included, by name. */
async function replicasByStream() {
  const jsm = await jetstreamManager(nc);
  const names: string[] = [];
  for await (const name of jsm.streams.names()) names.push(name);
  const found: Record<string, number> = {};
  for (const name of names) found[name] = (await jsm.streams.info(name)).config.num_replicas;
  return found;
}

describe('the bus front door on a three-node cluster', () => {
  it('brings every stream and KV bucket of a single-replica deployment to STREAM_REPLICAS=3', async () => {
    const open = async (replicas: number) => {
      const bus = busOver(nc, config(replicas), context);
      await bus.ensure();
      for (const bucket of Object.values(bus.names.kv)) await bus.kv(bucket, { history: 1 });
      return bus;
    };
    const { names } = await open(1);
    const before = await replicasByStream();
    const { metrics, forecasts, alerts, deadletter } = names.streams;
    // Every bucket and the event streams, whatever else the release provisions.
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([
        metrics,
        forecasts,
        alerts,
        deadletter,
        ...Object.values(names.kv).map((b) => `KV_${b}`),
      ]),
    );
    expect(new Set(Object.values(before))).toEqual(new Set([1]));

    await open(3);
    const allThree = (found: Record<string, number>) =>
      Object.keys(found).sort().join() === Object.keys(before).sort().join() &&
      Object.values(found).every((r) => r === 3);
    await expect.poll(async () => allThree(await replicasByStream()), { timeout: 20_000 }).toBe(true);
  }, 60_000);
});
