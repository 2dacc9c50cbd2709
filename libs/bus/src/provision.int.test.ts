import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliverPolicy } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
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

  it('creates the three streams of the namespace, each bound to its subjects', async () => {
    const jsm = await ensureBus(bus.nc, bus.names);
    const { streams, subjects } = bus.names;

    const metrics = await jsm.streams.info(streams.metrics);
    const forecasts = await jsm.streams.info(streams.forecasts);
    const alerts = await jsm.streams.info(streams.alerts);

    expect(metrics.config.subjects).toEqual([subjects.metricSampledAll]);
    expect(forecasts.config.subjects).toEqual([subjects.forecastUpdatedAll]);
    expect(alerts.config.subjects).toEqual([subjects.alertFiredAll, subjects.alertDeliveryUpdatedAll]);
    expect(metrics.config.duplicate_window).toBeGreaterThan(0);
  });

  it('creates every durable: the gateway replays from the start, the pipeline from new messages', async () => {
    const jsm = await ensureBus(bus.nc, bus.names);
    const { streams, durables } = bus.names;

    const deliverPolicy = async (stream: string, durable: string) =>
      (await jsm.consumers.info(stream, durable)).config.deliver_policy;

    expect(await deliverPolicy(streams.metrics, durables.gatewayMetrics)).toBe(DeliverPolicy.All);
    expect(await deliverPolicy(streams.forecasts, durables.gatewayForecasts)).toBe(DeliverPolicy.All);
    expect(await deliverPolicy(streams.alerts, durables.gatewayAlerts)).toBe(DeliverPolicy.All);
    expect(await deliverPolicy(streams.metrics, durables.forecaster)).toBe(DeliverPolicy.New);
    expect(await deliverPolicy(streams.forecasts, durables.alerter)).toBe(DeliverPolicy.New);
  });

  it('is idempotent: a second run keeps the messages and the consumers positions', async () => {
    const jsm = await ensureBus(bus.nc, bus.names);
    const { streams, durables, subjects } = bus.names;
    await createJetStream(bus.nc).publish(subjects.metricSampled('local', 'idem'), '{}');
    const before = await jsm.streams.info(streams.metrics);

    await ensureBus(bus.nc, bus.names);

    const after = await jsm.streams.info(streams.metrics);
    expect(after.state.messages).toBe(before.state.messages);
    expect(after.created).toEqual(before.created);
    const consumer = await jsm.consumers.info(streams.metrics, durables.gatewayMetrics);
    expect(consumer.num_pending).toBe(before.state.messages);
  });

  it('is safe for two services to run concurrently on a namespace that does not exist yet', async () => {
    const fresh = await createTestBus();
    const other = await connect({ servers: fresh.url });
    try {
      const both = Promise.all([ensureBus(fresh.nc, fresh.names), ensureBus(other, fresh.names)]);
      await expect(both).resolves.toHaveLength(2);
      const jsm = await ensureBus(fresh.nc, fresh.names);
      const streamNames: string[] = [];
      for await (const s of jsm.streams.list()) streamNames.push(s.config.name);
      expect(streamNames.filter((n) => n.startsWith(`${fresh.namespace.toUpperCase()}_`)).sort()).toEqual(
        [fresh.names.streams.alerts, fresh.names.streams.forecasts, fresh.names.streams.metrics].sort(),
      );
      const consumers: string[] = [];
      for await (const c of jsm.consumers.list(fresh.names.streams.metrics)) consumers.push(c.name);
      expect(consumers.sort()).toEqual([fresh.names.durables.forecaster, fresh.names.durables.gatewayMetrics].sort());
    } finally {
      await other.close();
      await fresh.cleanup();
    }
  });
});
