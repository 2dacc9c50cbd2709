import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsumerInfo } from '@nats-io/jetstream';
import { metricSampledEvent } from '@autoscale/contracts';
import { trackConsumerProgress } from './consumer-progress';
import { durableInfo } from './durable-info';
import { durableFloor, recreateAtAckFloor } from './durables';
import { publishAll } from './typed-publish';
import { createTestBus, sampleAt, standInForDurable } from './testing/index';
import type { StandInAnswer, TestBus } from './testing/index';

const STALL_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What `/api/health` reads: a partition durable that holds messages and is not moving must be
 * reported stalled whatever happened to it in between.
 */
describe('trackConsumerProgress', () => {
  let bus: TestBus;
  const stream = () => bus.names.streams.metrics;
  const durable = () => bus.names.durables.forecaster(0);
  const forecasterP0 = async () =>
    (await trackedRead()).durables.find((d) => d.consumer === durable() && d.service === 'forecaster');
  let trackedRead: () => ReturnType<ReturnType<typeof trackConsumerProgress>['read']>;

  beforeAll(async () => {
    bus = await createTestBus({ partitions: 1 });
    await bus.bus.ensure();
    const progress = trackConsumerProgress(bus.nc, bus.names, { stallMs: STALL_MS });
    trackedRead = () => progress.read();
  });
  afterAll(() => bus?.cleanup());

  it('reports a durable re-created at its ack floor as stalled when it still does not move (the re-creation is no progress)', async () => {
    await publishAll(bus.bus.js, bus.names, metricSampledEvent, [sampleAt(1), sampleAt(2), sampleAt(3)]);
    const consumer = await bus.bus.js.consumers.get(stream(), durable());
    const batch = await consumer.fetch({ max_messages: 2, expires: 2_000 });
    for await (const msg of batch) await msg.ackAck();
    expect((await forecasterP0())?.stalled).toBe(false);

    await recreateAtAckFloor(
      await bus.bus.js.jetstreamManager(),
      durableFloor(await durableInfo(bus.nc, stream(), durable())),
    );
    await sleep(STALL_MS + 200);

    const seen = await forecasterP0();
    expect(seen?.pending).toBe(1);
    expect(seen?.stalled).toBe(true);
  });

  it('does not count a floor that went back — re-created from a kept floor behind its ack floor — as progress', async () => {
    const consumer = await bus.bus.js.consumers.get(stream(), durable());
    const batch = await consumer.fetch({ max_messages: 1, expires: 2_000 });
    for await (const msg of batch) await msg.ackAck();
    await publishAll(bus.bus.js, bus.names, metricSampledEvent, [sampleAt(4), sampleAt(5)]);
    expect((await forecasterP0())?.stalled).toBe(false);
    await sleep(STALL_MS + 200);

    // The floor a previous owner kept a while ago: messages 2 and 3 come again.
    const behind = { ...durableFloor(await durableInfo(bus.nc, stream(), durable())), floor: 1 };
    await recreateAtAckFloor(await bus.bus.js.jetstreamManager(), behind);

    const seen = await forecasterP0();
    expect(seen?.pending).toBe(4);
    expect(seen?.stalled).toBe(true);
  });

  it('follows a projection made anew to replay its stream from the start (not stalled while it handles)', async () => {
    const gatewayMetrics = async () =>
      (await trackedRead()).durables.find((d) => d.consumer === bus.names.durables.gatewayMetrics);
    const ackFirst = async (count: number) => {
      const consumer = await bus.bus.js.consumers.get(stream(), bus.names.durables.gatewayMetrics);
      const batch = await consumer.fetch({ max_messages: count, expires: 2_000 });
      for await (const msg of batch) await msg.ackAck();
    };
    await ackFirst(5);
    expect((await gatewayMetrics())?.pending).toBe(0);

    // What a gateway starting on an emptied read model does: delete its durables, add them again.
    const jsm = await bus.bus.js.jetstreamManager();
    await jsm.consumers.delete(stream(), bus.names.durables.gatewayMetrics);
    await bus.bus.ensure();
    await sleep(STALL_MS + 200);
    await ackFirst(1);

    const seen = await gatewayMetrics();
    expect(seen?.pending).toBe(4);
    expect(seen?.stalled).toBe(false);
  });

  it('dates a move seen after reads that failed to the last read that worked', async () => {
    const before = durableFloor(await durableInfo(bus.nc, stream(), durable()));
    expect((await forecasterP0())?.pending).toBeGreaterThan(0);
    const jsm = await bus.bus.js.jetstreamManager();
    await jsm.consumers.delete(stream(), durable());
    await forecasterP0();
    await sleep(STALL_MS + 200);

    // Back, further than ever seen (all but the last message handled): it may have moved at
    // any time while it could not be read.
    const last = (await jsm.streams.info(stream())).state.last_seq;
    await recreateAtAckFloor(jsm, { ...before, floor: last - 1 });

    const seen = await forecasterP0();
    expect(seen?.readable).toBe(true);
    expect(seen?.pending).toBe(1);
    expect(seen?.stalled).toBe(true);
  });

  it('reports a durable that disappeared after it was seen as stalled, not as "not provisioned"', async () => {
    const jsm = await bus.bus.js.jetstreamManager();
    await jsm.consumers.delete(stream(), durable());
    await sleep(STALL_MS + 200);

    const seen = await forecasterP0();
    expect(seen?.readable).toBe(false);
    expect(seen?.stalled).toBe(true);
  });
});

/**
 * What `/api/health` reads when more than one copy of a durable answers (a cluster after a
 * server's restart): a subscriber on the info subject plays those copies.
 */
describe('trackConsumerProgress with answers from more than one copy', () => {
  let bus: TestBus;
  let template: ConsumerInfo;
  beforeAll(async () => {
    bus = await createTestBus({ partitions: 1 });
    await bus.bus.ensure();
    template = await durableInfo(bus.nc, bus.names.streams.metrics, bus.names.durables.gatewayMetrics);
  });
  afterAll(() => bus?.cleanup());

  /**
   * A fresh tracker reading `alerter-p0`, whose only answers come from a stand-in saying what
   * `answer` holds at the time: `read()` is what the tracker reports of it.
   */
  function alerterP0AnsweredBy(first: StandInAnswer) {
    const tracker = trackConsumerProgress(bus.nc, bus.names, { stallMs: STALL_MS });
    const durable = bus.names.durables.alerter(0);
    const copies = { answer: first };
    const subscription = standInForDurable(
      bus.nc,
      { stream: bus.names.streams.forecasts, durable },
      template,
      () => copies.answer,
    );
    return {
      copies,
      read: async () => (await tracker.read()).durables.find((d) => d.consumer === durable),
      stop: () => subscription.unsubscribe(),
    };
  }

  it('is not cleared by a copy that lags answering that it holds nothing', async () => {
    // The leader's answer, then one from a copy behind it (a restarted server in an old term),
    // then the leader's again.
    const alerterP0 = alerterP0AnsweredBy({ floor: 100, pending: 5 });
    try {
      expect((await alerterP0.read())?.pending).toBe(5);
      await sleep(STALL_MS / 2 + 100);
      alerterP0.copies.answer = { floor: 50, pending: 0 };
      expect((await alerterP0.read())?.pending).toBe(5);
      await sleep(STALL_MS / 2 + 100);
      alerterP0.copies.answer = { floor: 100, pending: 5 };

      const seen = await alerterP0.read();
      expect(seen?.stalled).toBe(true);
    } finally {
      alerterP0.stop();
    }
  });

  it('does not start the clock over when another copy, stamped with its own creation time, answers', async () => {
    // Each server stamps its copy of a durable when it writes it: after an election the
    // leader's answer can carry another creation time, milliseconds apart. That copy lags a
    // little here; neither is the durable made anew.
    const otherCopy = new Date(Date.parse(template.created) + 2).toISOString();
    const alerterP0 = alerterP0AnsweredBy({ floor: 100, pending: 5 });
    try {
      expect((await alerterP0.read())?.pending).toBe(5);
      await sleep(STALL_MS / 2 + 100);
      alerterP0.copies.answer = { floor: 98, pending: 7, created: otherCopy };
      expect((await alerterP0.read())?.stalled).toBe(false);
      await sleep(STALL_MS / 2 + 100);

      const seen = await alerterP0.read();
      expect(seen?.pending).toBe(7);
      expect(seen?.stalled).toBe(true);
    } finally {
      alerterP0.stop();
    }
  });

  it('takes an answer from a leader without quorum for no reading (its view may be stale)', async () => {
    // After a quorum loss a restarted server acted as the leader in an old term, none of the
    // other copies current, and answered that nothing was pending.
    const alerterP0 = alerterP0AnsweredBy({ floor: 100, pending: 5 });
    try {
      expect((await alerterP0.read())?.pending).toBe(5);
      await sleep(STALL_MS / 2 + 100);
      alerterP0.copies.answer = { floor: 100, pending: 0, quorum: false };
      expect((await alerterP0.read())?.readable).toBe(false);
      await sleep(STALL_MS / 2 + 100);

      const seen = await alerterP0.read();
      expect(seen?.pending).toBe(5);
      expect(seen?.stalled).toBe(true);
    } finally {
      alerterP0.stop();
    }
  });
});
