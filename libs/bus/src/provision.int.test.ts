import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { busNames } from '@autoscale/contracts';
import { PartitionCountMismatchError, recordedPartitionCount } from './partition-count';
import { ensureBus } from './provision';
import { createJetStream } from './publish';
import { createTestBus } from './testing/index';
import type { TestBus } from './testing/index';

describe('ensureBus', () => {
  let bus: TestBus;

  beforeAll(async () => {
    bus = await createTestBus();
  });
  afterAll(() => bus.cleanup());

  it('creates the four streams of the namespace, each bound to its subjects', async () => {
    const jsm = await ensureBus(bus.nc, bus.names, { replicas: 1 });
    const { streams, subjects } = bus.names;

    const metrics = await jsm.streams.info(streams.metrics);
    const forecasts = await jsm.streams.info(streams.forecasts);
    const alerts = await jsm.streams.info(streams.alerts);

    expect(metrics.config.subjects).toEqual([subjects.metricSampledAll]);
    expect(forecasts.config.subjects).toEqual([subjects.forecastUpdatedAll]);
    expect(alerts.config.subjects).toEqual([subjects.alertFiredAll, subjects.alertDeliveryUpdatedAll]);
    const deadletter = await jsm.streams.info(streams.deadletter);
    expect(deadletter.config.subjects).toEqual([subjects.deadletterAll]);
    expect(metrics.config.duplicate_window).toBeGreaterThan(0);
  });

  it('creates every durable: the gateway replays from the start, the pipeline from new messages', async () => {
    const jsm = await ensureBus(bus.nc, bus.names, { replicas: 1 });
    const { streams, durables } = bus.names;

    const deliverPolicy = async (stream: string, durable: string) =>
      (await jsm.consumers.info(stream, durable)).config.deliver_policy;

    expect(await deliverPolicy(streams.metrics, durables.gatewayMetrics)).toBe(DeliverPolicy.All);
    expect(await deliverPolicy(streams.forecasts, durables.gatewayForecasts)).toBe(DeliverPolicy.All);
    expect(await deliverPolicy(streams.alerts, durables.gatewayAlerts)).toBe(DeliverPolicy.All);
    expect(await deliverPolicy(streams.metrics, durables.forecaster(0))).toBe(DeliverPolicy.New);
    expect(await deliverPolicy(streams.forecasts, durables.alerter(bus.names.partitions - 1))).toBe(DeliverPolicy.New);
  });

  it('gives each partition a forecaster and an alerter durable that sees only its own partition', async () => {
    const jsm = await ensureBus(bus.nc, bus.names, { replicas: 1 });
    const { streams, durables, subjects } = bus.names;
    for (let p = 0; p < bus.names.partitions; p++) {
      const forecaster = await jsm.consumers.info(streams.metrics, durables.forecaster(p));
      const alerter = await jsm.consumers.info(streams.forecasts, durables.alerter(p));
      expect(forecaster.config.filter_subject).toBe(subjects.metricSampledPartition(p));
      expect(alerter.config.filter_subject).toBe(subjects.forecastUpdatedPartition(p));
    }
  });

  it('limits the deliveries of every durable, so no message is redelivered forever', async () => {
    const jsm = await ensureBus(bus.nc, bus.names, { maxDeliver: 4, replicas: 1 });
    const { streams, durables } = bus.names;
    expect((await jsm.consumers.info(streams.metrics, durables.gatewayMetrics)).config.max_deliver).toBe(4);
    expect((await jsm.consumers.info(streams.forecasts, durables.alerter(0))).config.max_deliver).toBe(4);
    await ensureBus(bus.nc, bus.names, { replicas: 1 });
    expect((await jsm.consumers.info(streams.metrics, durables.gatewayMetrics)).config.max_deliver).toBe(10);
  });

  it('deletes the single forecaster and alerter durables of the release before partitioning', async () => {
    const jsm = await ensureBus(bus.nc, bus.names, { replicas: 1 });
    const { streams } = bus.names;
    await jsm.consumers.add(streams.metrics, { durable_name: 'forecaster', ack_policy: AckPolicy.Explicit });
    await jsm.consumers.add(streams.forecasts, { durable_name: 'alerter', ack_policy: AckPolicy.Explicit });

    await ensureBus(bus.nc, bus.names, { replicas: 1 });

    await expect(jsm.consumers.info(streams.metrics, 'forecaster')).rejects.toThrow();
    await expect(jsm.consumers.info(streams.forecasts, 'alerter')).rejects.toThrow();
  });

  it('is idempotent: a second run keeps the messages and the consumers positions', async () => {
    const jsm = await ensureBus(bus.nc, bus.names, { replicas: 1 });
    const { streams, durables, subjects } = bus.names;
    await createJetStream(bus.nc).publish(subjects.metricSampled('local', 'idem'), '{}');
    const before = await jsm.streams.info(streams.metrics);

    await ensureBus(bus.nc, bus.names, { replicas: 1 });

    const after = await jsm.streams.info(streams.metrics);
    expect(after.state.messages).toBe(before.state.messages);
    expect(after.created).toEqual(before.created);
    const consumer = await jsm.consumers.info(streams.metrics, durables.gatewayMetrics);
    expect(consumer.num_pending).toBe(before.state.messages);
  });

  it('asks NATS for STREAM_REPLICAS copies of each stream: a single server refuses to create 3', async () => {
    const single = await createTestBus();
    try {
      await expect(ensureBus(single.nc, single.names, { replicas: 3 })).rejects.toThrow(/replicas > 1 not supported/);
      const jsm = await ensureBus(single.nc, single.names, { replicas: 1 });
      expect((await jsm.streams.info(single.names.streams.metrics)).config.num_replicas).toBe(1);
    } finally {
      await single.cleanup();
    }
  });

  it('is safe for two services to run concurrently on a namespace that does not exist yet', async () => {
    const fresh = await createTestBus();
    const other = await connect({ servers: fresh.url });
    try {
      const both = Promise.all([
        ensureBus(fresh.nc, fresh.names, { replicas: 1 }),
        ensureBus(other, fresh.names, { replicas: 1 }),
      ]);
      await expect(both).resolves.toHaveLength(2);
      const jsm = await ensureBus(fresh.nc, fresh.names, { replicas: 1 });
      const streamNames: string[] = [];
      for await (const s of jsm.streams.list()) streamNames.push(s.config.name);
      expect(streamNames.filter((n) => n.startsWith(`${fresh.namespace.toUpperCase()}_`)).sort()).toEqual(
        [
          fresh.names.streams.alerts,
          fresh.names.streams.forecasts,
          fresh.names.streams.metrics,
          fresh.names.streams.deadletter,
          fresh.names.streams.audit,
          fresh.names.streams.scaling,
        ].sort(),
      );
      const consumers: string[] = [];
      for await (const c of jsm.consumers.list(fresh.names.streams.metrics)) consumers.push(c.name);
      const forecasters = Array.from({ length: fresh.names.partitions }, (_, p) => fresh.names.durables.forecaster(p));
      expect(consumers.sort()).toEqual([...forecasters, fresh.names.durables.gatewayMetrics].sort());
    } finally {
      await other.close();
      await fresh.cleanup();
    }
  });
  it('refuses a service with another FORECASTER_PARTITIONS while samples wait in the partitions, deleting nothing', async () => {
    const eight = await createTestBus({ partitions: 8 });
    try {
      const jsm = await ensureBus(eight.nc, eight.names, { replicas: 1 });
      // Waiting for forecaster-p<N>: a sample of a resource in partition 7.
      const resourceId = Array.from({ length: 100 }, (_, i) => `web-${i}`).find(
        (id) => eight.names.partitionOf(id) === 7,
      )!;
      await createJetStream(eight.nc).publish(eight.names.subjects.metricSampled('local', resourceId), '{}');

      await expect(ensureBus(eight.nc, busNames(eight.namespace, 4), { replicas: 1 })).rejects.toThrow(
        /FORECASTER_PARTITIONS is 4 but the system runs with 8, whose partitions still hold 1 unhandled message: set FORECASTER_PARTITIONS=8/,
      );
      await expect(ensureBus(eight.nc, busNames(eight.namespace, 4), { replicas: 1 })).rejects.toBeInstanceOf(
        PartitionCountMismatchError,
      );

      expect(
        (await jsm.consumers.info(eight.names.streams.metrics, eight.names.durables.forecaster(7))).num_pending,
      ).toBe(1);
      expect(recordedPartitionCount(await jsm.streams.info(eight.names.streams.metrics))).toBe(8);
    } finally {
      await eight.cleanup();
    }
  });

  it('lets a drained system change its partition count, and records the new one', async () => {
    const eight = await createTestBus({ partitions: 8 });
    try {
      await ensureBus(eight.nc, eight.names, { replicas: 1 });
      const four = busNames(eight.namespace, 4);

      const jsm = await ensureBus(eight.nc, four, { replicas: 1 });

      expect(recordedPartitionCount(await jsm.streams.info(four.streams.metrics))).toBe(4);
      await expect(jsm.consumers.info(four.streams.metrics, four.durables.forecaster(7))).rejects.toThrow();
      await expect(ensureBus(eight.nc, four, { replicas: 1 })).resolves.toBeDefined();
    } finally {
      await eight.cleanup();
    }
  });
});
