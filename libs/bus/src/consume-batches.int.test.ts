import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { JetStreamManager } from '@nats-io/jetstream';
import { metricSampledEvent } from '@autoscale/contracts';
import type { MetricSampled } from '@autoscale/contracts';
import { createCounters, createLogger } from '@autoscale/observability';
import type { Counters } from '@autoscale/observability';
import { PermanentError } from './parse-message';
import { consumeBatches } from './consume-batches';
import type { BatchConsumeOptions } from './consume-batches';
import { DEAD_LETTER_HEADERS } from './dead-letter';
import { replayDeadLetters } from './replay-dead-letters';
import { ensureBus } from './provision';
import { createJetStream } from './publish';
import { publish } from './typed-publish';
import type { JetStreamClient } from './publish';
import { createTestBus } from './testing/index';
import type { TestBus } from './testing/index';

const log = createLogger('bus-test', 'silent');
const WAIT = { timeout: 20_000, interval: 50 };
const MAX_DELIVER = 3;

const sample = (resourceId: string, minute = 0): MetricSampled => ({
  v: 1,
  provider: 'local',
  resourceId,
  ts: new Date(Date.UTC(2026, 2, 1, 12, minute)).toISOString(),
  metrics: { cpu: 10 + (minute % 90), mem: 50 },
});

type Handler = (events: MetricSampled[]) => Promise<void>;

const buses: TestBus[] = [];
const loops: Array<{ stop: () => Promise<void> }> = [];

/** A fresh namespace per test, so each test's durable starts empty. */
async function harness() {
  const bus = await createTestBus();
  buses.push(bus);
  const jsm: JetStreamManager = await ensureBus(bus.nc, bus.names, { maxDeliver: MAX_DELIVER, replicas: 1 });
  const js: JetStreamClient = createJetStream(bus.nc);
  const counters: Counters = createCounters();
  const handled: MetricSampled[] = [];
  const batchSizes: number[] = [];
  const { streams, durables } = bus.names;
  return {
    bus,
    jsm,
    counters,
    handled,
    batchSizes,
    publish: (event: MetricSampled) => publish(js, bus.names, metricSampledEvent, event),
    publishRaw: (subject: string, payload: string) => js.publish(subject, payload),
    async consumerState() {
      const info = await jsm.consumers.info(streams.metrics, durables.gatewayMetrics);
      return { pending: info.num_pending, ackPending: info.num_ack_pending };
    },
    async deadLetters() {
      const info = await jsm.streams.info(streams.deadletter);
      const found = [];
      for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
        const msg = await jsm.streams.getMessage(streams.deadletter, { seq });
        if (!msg) continue;
        found.push({ subject: msg.subject, headers: msg.header, event: msg.json<MetricSampled>() });
      }
      return found;
    },
    async start(handler?: Handler, extra: Partial<BatchConsumeOptions<typeof metricSampledEvent.schema>> = {}) {
      const loop = await consumeBatches({
        nc: bus.nc,
        js,
        names: bus.names,
        event: metricSampledEvent,
        durable: durables.gatewayMetrics,
        maxDeliver: MAX_DELIVER,
        handler: async (batch) => {
          const events = batch.map((d) => d.event);
          if (handler) await handler(events);
          batchSizes.push(events.length);
          handled.push(...events);
        },
        log,
        counters,
        ...extra,
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

describe('consumeBatches', () => {
  it('hands a published event to the handler and acks it, leaving nothing pending', async () => {
    const h = await harness();
    await h.start();
    const event = sample('web-1');

    await h.publish(event);

    await vi.waitFor(() => expect(h.handled).toEqual([event]), WAIT);
    await vi.waitFor(async () => expect(await h.consumerState()).toEqual({ pending: 0, ackPending: 0 }), WAIT);
    expect(h.counters.get('handled')).toBe(1);
  });

  it('hands a backlog over in batches of many messages, in stream order', async () => {
    const h = await harness();
    const events = Array.from({ length: 300 }, (_, i) => sample(`r-${i % 7}`, i));
    await Promise.all(events.map((e) => h.publish(e)));

    await h.start(undefined, { batchSize: 100 });

    await vi.waitFor(() => expect(h.handled).toHaveLength(300), WAIT);
    expect(h.handled).toEqual(events);
    expect(Math.max(...h.batchSizes)).toBeGreaterThan(1);
    expect(Math.max(...h.batchSizes)).toBeLessThanOrEqual(100);
    await vi.waitFor(async () => expect(await h.consumerState()).toEqual({ pending: 0, ackPending: 0 }), WAIT);
  });

  it('handles a batch for longer than the pull waits for the server without failing the pull', async () => {
    const h = await harness();
    const events = Array.from({ length: 200 }, (_, i) => sample(`r-${i % 7}`, i));
    await Promise.all(events.map((e) => h.publish(e)));
    // Longer than two of the pull's idle heartbeats (1 s each with its 2 s expiry), which the
    // client used to count as missed while a batch was handled.
    const slow: Handler = () => new Promise((resolve) => setTimeout(resolve, 4_000));

    await h.start(slow, { batchSize: 100 });

    await vi.waitFor(() => expect(h.handled).toHaveLength(200), WAIT);
    expect(h.handled).toEqual(events);
    expect(h.counters.get('pulls_failed')).toBe(0);
  });

  it('terminates and counts a non-JSON and a schema-failing message, and hands over the rest', async () => {
    const h = await harness();
    await h.start();
    const subject = h.bus.names.subjects.metricSampled('local', 'poison');

    await h.publishRaw(subject, 'this is { not json');
    await h.publishRaw(subject, JSON.stringify({ ...sample('poison'), metrics: { cpu: 140 } }));
    await h.publishRaw(subject, '');
    const valid = sample('healthy', 5);
    await h.publish(valid);

    await vi.waitFor(() => expect(h.handled).toEqual([valid]), WAIT);
    expect(h.counters.get('terminated')).toBe(3);
    await vi.waitFor(async () => expect(await h.consumerState()).toEqual({ pending: 0, ackPending: 0 }), WAIT);
  });

  it('retries a failed batch after a delay, in order, and acks it once the handler succeeds', async () => {
    const h = await harness();
    const attemptsAt: number[] = [];
    let restored = 0;
    await h.start(
      async (events) => {
        attemptsAt.push(Date.now());
        if (attemptsAt.length === 1 && events.length > 0) throw new Error('database is down');
      },
      { onFailure: async () => void (restored += 1) },
    );
    const events = [sample('flaky', 1), sample('flaky', 2), sample('flaky', 3)];
    for (const e of events) await h.publish(e);

    await vi.waitFor(() => expect(h.handled.slice(-1)).toEqual(events.slice(-1)), WAIT);
    expect(h.handled.map((e) => e.ts)).toEqual([...h.handled.map((e) => e.ts)].sort());
    expect(attemptsAt[1]! - attemptsAt[0]!).toBeGreaterThanOrEqual(800);
    expect(restored).toBe(1);
    expect(h.counters.get('retried')).toBeGreaterThanOrEqual(1);
    await vi.waitFor(async () => expect(await h.consumerState()).toEqual({ pending: 0, ackPending: 0 }), WAIT);
  });

  it('moves only the message the handler rejects with a PermanentError to DEADLETTER, with the reason', async () => {
    const h = await harness();
    const events = [sample('ok-1', 1), sample('rejected', 2), sample('ok-2', 3)];
    for (const e of events) await h.publish(e);

    await h.start(async (batch) => {
      if (batch.some((e) => e.resourceId === 'rejected')) throw new PermanentError('value out of range');
    });

    await vi.waitFor(() => expect(h.handled.map((e) => e.resourceId)).toEqual(['ok-1', 'ok-2']), WAIT);
    const letters = await h.deadLetters();
    expect(letters).toHaveLength(1);
    expect(letters[0]!.subject).toBe(h.bus.names.subjects.deadletter(h.bus.names.durables.gatewayMetrics));
    expect(letters[0]!.event).toEqual(events[1]);
    expect(letters[0]!.headers?.get(DEAD_LETTER_HEADERS.reason)).toContain('value out of range');
    expect(letters[0]!.headers?.get(DEAD_LETTER_HEADERS.subject)).toBe(
      h.bus.names.subjects.metricSampled('local', 'rejected'),
    );
    expect(h.counters.get('dead_lettered')).toBe(1);
    await vi.waitFor(async () => expect(await h.consumerState()).toEqual({ pending: 0, ackPending: 0 }), WAIT);
  });

  it('handles a dead letter replayed after the fix, and removes it from DEADLETTER', async () => {
    const h = await harness();
    let fixed = false;
    await h.start(async (batch) => {
      if (!fixed && batch.some((e) => e.resourceId === 'rejected')) throw new PermanentError('bug');
    });
    await h.publish(sample('rejected'));
    await vi.waitFor(() => expect(h.counters.get('dead_lettered')).toBe(1), WAIT);

    fixed = true;
    const replayed = await replayDeadLetters(h.bus.nc, createJetStream(h.bus.nc), h.bus.names);

    expect(replayed.map((r) => r.reason)).toEqual([expect.stringContaining('bug')]);
    await vi.waitFor(() => expect(h.handled.map((e) => e.resourceId)).toEqual(['rejected']), WAIT);
    expect(await h.deadLetters()).toEqual([]);
  });

  it('gives up on a message that fails on every delivery: dead-lettered on the last, never redelivered', async () => {
    const h = await harness();
    let attempts = 0;
    await h.start(async (batch) => {
      if (batch.some((e) => e.resourceId === 'cursed')) {
        attempts += 1;
        throw new Error('still failing');
      }
    });

    await h.publish(sample('cursed'));
    await h.publish(sample('after', 1));

    await vi.waitFor(() => expect(h.counters.get('dead_lettered')).toBe(1), WAIT);
    expect(h.handled.map((e) => e.resourceId)).toEqual(['after']);
    const letters = await h.deadLetters();
    expect(letters[0]!.headers?.get(DEAD_LETTER_HEADERS.deliveries)).toBe(String(MAX_DELIVER));
    expect(letters[0]!.headers?.get(DEAD_LETTER_HEADERS.reason)).toContain('still failing');
    await vi.waitFor(async () => expect(await h.consumerState()).toEqual({ pending: 0, ackPending: 0 }), WAIT);
    const settled = attempts;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(attempts).toBe(settled);
  });

  it('does not ack a batch once it may no longer (lease lost): the messages stay on the durable', async () => {
    const h = await harness();
    await h.start(undefined, { mayAck: () => false });

    await h.publish(sample('fenced'));

    await vi.waitFor(() => expect(h.handled).toHaveLength(1), WAIT);
    expect((await h.consumerState()).ackPending).toBe(1);
    expect(h.counters.get('handled')).toBe(0);
  });

  it('re-creates the durable at its ack floor when pulls bring nothing while messages are pending, and handles them', async () => {
    const h = await harness();
    // A consumer that took two messages and went silent without acking: the durable holds
    // them for ack_wait (60 s, beyond WAIT), as a stale consumer leader holds pulls.
    const silent = await h.start(undefined, { mayAck: () => false });
    await h.publish(sample('a'));
    await h.publish(sample('b', 1));
    await vi.waitFor(() => expect(h.handled).toHaveLength(2), WAIT);
    await silent.stop();
    expect((await h.consumerState()).ackPending).toBe(2);

    await h.start(undefined, { recreateWhenStalledMs: 1000 });

    await vi.waitFor(() => expect(h.handled.map((e) => e.resourceId)).toEqual(['a', 'b', 'a', 'b']), WAIT);
    await vi.waitFor(async () => expect(await h.consumerState()).toEqual({ pending: 0, ackPending: 0 }), WAIT);
    expect(h.counters.get('durables_recreated')).toBe(1);
  });

  it('stop() resolves, and what is published afterwards waits on the durable for the next start', async () => {
    const h = await harness();
    const first = await h.start();
    await h.publish(sample('one'));
    await vi.waitFor(() => expect(h.handled).toHaveLength(1), WAIT);

    await expect(first.stop()).resolves.toBeUndefined();
    await h.publish(sample('two', 1));
    await vi.waitFor(async () => expect((await h.consumerState()).pending).toBe(1), WAIT);
    expect(h.handled.map((e) => e.resourceId)).toEqual(['one']);

    await h.start();
    await vi.waitFor(() => expect(h.handled.map((e) => e.resourceId)).toEqual(['one', 'two']), WAIT);
  });
});
