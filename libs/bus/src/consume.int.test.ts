import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { JetStreamManager } from '@nats-io/jetstream';
import { MetricSampled, metricSampledMsgId } from '@autoscale/contracts';
import { createCounters, createLogger } from '@autoscale/observability';
import type { Counters } from '@autoscale/observability';
import { consumeDurable, PermanentError } from './consume';
import { ensureBus } from './provision';
import { createJetStream, publishEvent } from './publish';
import type { JetStreamClient } from './publish';
import { createTestBus } from './testing/index';
import type { TestBus } from './testing/index';

const log = createLogger('bus-test', 'silent');
const WAIT = { timeout: 15_000, interval: 50 };

const sample = (resourceId: string, minute = 0): MetricSampled => ({
  v: 1,
  provider: 'local',
  resourceId,
  ts: new Date(Date.UTC(2026, 2, 1, 12, minute)).toISOString(),
  metrics: { cpu: 10 + minute, mem: 50 },
});

type Harness = {
  bus: TestBus;
  js: JetStreamClient;
  jsm: JetStreamManager;
  counters: Counters;
  handled: MetricSampled[];
  publish: (event: MetricSampled) => Promise<unknown>;
  publishRaw: (subject: string, payload: string) => Promise<unknown>;
  consumerState: () => Promise<{ pending: number; ackPending: number }>;
  start: (handler?: (event: MetricSampled) => Promise<void>) => ReturnType<typeof consumeDurable<typeof MetricSampled>>;
};

const buses: TestBus[] = [];
const loops: Array<{ stop: () => Promise<void> }> = [];

/** A fresh namespace per test, so each test's durable starts empty. */
async function harness(): Promise<Harness> {
  const bus = await createTestBus();
  buses.push(bus);
  const jsm = await ensureBus(bus.nc, bus.names);
  const js = createJetStream(bus.nc);
  const counters = createCounters();
  const handled: MetricSampled[] = [];
  const { streams, durables, subjects } = bus.names;
  return {
    bus,
    js,
    jsm,
    counters,
    handled,
    publish: (event) =>
      publishEvent(js, subjects.metricSampled(event.provider, event.resourceId), event, metricSampledMsgId(event)),
    publishRaw: (subject, payload) => js.publish(subject, payload),
    async consumerState() {
      const info = await jsm.consumers.info(streams.metrics, durables.gatewayMetrics);
      return { pending: info.num_pending, ackPending: info.num_ack_pending };
    },
    async start(handler) {
      const loop = await consumeDurable({
        js,
        stream: streams.metrics,
        durable: durables.gatewayMetrics,
        schema: MetricSampled,
        handler: async (event) => {
          if (handler) await handler(event);
          handled.push(event);
        },
        log,
        counters,
      });
      loops.push(loop);
      return loop;
    },
  };
}

afterEach(async () => {
  await Promise.all(loops.splice(0).map((loop) => loop.stop()));
});

afterAll(async () => {
  for (const bus of buses.splice(0)) await bus.cleanup();
});

describe('consumeDurable', () => {
  it('hands a published event to the handler and acks it, leaving nothing pending', async () => {
    const h = await harness();
    await h.start();
    const event = sample('web-1');

    await h.publish(event);

    await vi.waitFor(() => expect(h.handled).toEqual([event]), WAIT);
    await vi.waitFor(async () => expect(await h.consumerState()).toEqual({ pending: 0, ackPending: 0 }), WAIT);
    expect(h.counters.get('handled')).toBe(1);
  });

  it('delivers events published before it started, in stream order', async () => {
    const h = await harness();
    const events = [sample('a', 1), sample('a', 2), sample('b', 3)];
    for (const event of events) await h.publish(event);

    await h.start();

    await vi.waitFor(() => expect(h.handled).toEqual(events), WAIT);
  });

  it('terminates and counts a non-JSON and a schema-failing message, and goes on to the next', async () => {
    const h = await harness();
    await h.start();
    const subject = h.bus.names.subjects.metricSampled('local', 'poison');

    await h.publishRaw(subject, 'this is { not json');
    await h.publishRaw(subject, JSON.stringify({ ...sample('poison'), metrics: { cpu: 140 } }));
    const valid = sample('healthy', 5);
    await h.publish(valid);

    await vi.waitFor(() => expect(h.handled).toEqual([valid]), WAIT);
    expect(h.counters.get('terminated')).toBe(2);
    expect(h.counters.get('handled')).toBe(1);
    await vi.waitFor(async () => expect(await h.consumerState()).toEqual({ pending: 0, ackPending: 0 }), WAIT);
  });

  it('terminates an empty message on the server, so it is never redelivered', async () => {
    const h = await harness();
    await h.start();

    await h.publishRaw(h.bus.names.subjects.metricSampled('local', 'empty'), '');

    await vi.waitFor(() => expect(h.counters.get('terminated')).toBe(1), WAIT);
    // Still ack-pending would mean redelivery once ack_wait runs out.
    await vi.waitFor(async () => expect(await h.consumerState()).toEqual({ pending: 0, ackPending: 0 }), WAIT);
    expect(h.handled).toEqual([]);
  });

  it('retries an event whose handler failed (nak with delay) and acks it once the handler succeeds', async () => {
    const h = await harness();
    let attempts = 0;
    await h.start(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('database is down');
    });
    const event = sample('flaky');

    await h.publish(event);

    await vi.waitFor(() => expect(h.handled).toEqual([event]), WAIT);
    expect(attempts).toBe(2);
    expect(h.counters.get('retried')).toBe(1);
    expect(h.counters.get('handled')).toBe(1);
    await vi.waitFor(async () => expect(await h.consumerState()).toEqual({ pending: 0, ackPending: 0 }), WAIT);
  });

  it('waits before redelivering a failed event rather than spinning on it', async () => {
    const h = await harness();
    const attemptsAt: number[] = [];
    await h.start(async () => {
      attemptsAt.push(Date.now());
      if (attemptsAt.length === 1) throw new Error('transient');
    });

    await h.publish(sample('slow-retry'));

    await vi.waitFor(() => expect(attemptsAt).toHaveLength(2), WAIT);
    expect(attemptsAt[1]! - attemptsAt[0]!).toBeGreaterThanOrEqual(400);
  });

  it('terminates an event whose handler throws a PermanentError, without retrying it', async () => {
    const h = await harness();
    let attempts = 0;
    await h.start(async (event) => {
      attempts += 1;
      if (event.resourceId === 'rejected') throw new PermanentError('unknown provider');
    });

    await h.publish(sample('rejected'));
    const next = sample('accepted');
    await h.publish(next);

    await vi.waitFor(() => expect(h.handled).toEqual([next]), WAIT);
    expect(attempts).toBe(2);
    expect(h.counters.get('terminated')).toBe(1);
    expect(h.counters.get('retried')).toBe(0);
    await vi.waitFor(async () => expect(await h.consumerState()).toEqual({ pending: 0, ackPending: 0 }), WAIT);
  });

  it('stop() resolves and no further message is handled after it', async () => {
    const h = await harness();
    const loop = await h.start();
    await h.publish(sample('before'));
    await vi.waitFor(() => expect(h.handled).toHaveLength(1), WAIT);

    await expect(loop.stop()).resolves.toBeUndefined();
    await h.publish(sample('after-stop'));

    await vi.waitFor(async () => expect((await h.consumerState()).pending).toBe(1), WAIT);
    expect(h.handled.map((e) => e.resourceId)).toEqual(['before']);
  });

  it('resumes from where the durable was after a restart', async () => {
    const h = await harness();
    const first = await h.start();
    await h.publish(sample('one'));
    await vi.waitFor(() => expect(h.handled).toHaveLength(1), WAIT);
    await first.stop();
    await h.publish(sample('two'));

    await h.start();

    await vi.waitFor(() => expect(h.handled.map((e) => e.resourceId)).toEqual(['one', 'two']), WAIT);
  });
});
