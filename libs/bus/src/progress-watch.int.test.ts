import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durableInfo } from './durable-info';
import { watchProgress } from './progress-watch';
import { createTestBus, standInForDurable } from './testing/index';
import type { StandInAnswer, TestBus } from './testing/index';

const STALL_MS = 1_000;

describe('watchProgress', () => {
  let bus: TestBus;
  beforeAll(async () => {
    bus = await createTestBus({ partitions: 1 });
    await bus.bus.ensure();
  });
  afterAll(() => bus?.cleanup());

  it('reports a partition stalled while only a copy that lags answers, saying it holds nothing', async () => {
    // A subscriber on the info subject plays the durable: its leader's answer first (100
    // handled, 5 pending), then only a copy behind it (a restarted server in an old term).
    const stream = bus.names.streams.forecasts;
    const durable = bus.names.durables.alerter(0);
    const template = await durableInfo(bus.nc, bus.names.streams.metrics, bus.names.durables.gatewayMetrics);
    let answer: StandInAnswer = { floor: 100, pending: 5 };
    const copy = standInForDurable(bus.nc, { stream, durable }, template, () => answer);
    const stalled: number[] = [];
    const watch = watchProgress({
      nc: bus.nc,
      stream,
      durable: () => durable,
      stallMs: STALL_MS,
      everyMs: 200,
      consuming: () => [0],
      onRead: async () => {
        answer = { floor: 50, pending: 0 };
      },
      onStalled: (partition) => stalled.push(partition),
    });
    try {
      watch.started(0);
      await new Promise((resolve) => setTimeout(resolve, 3 * STALL_MS));
      expect(stalled).toEqual([0]);
    } finally {
      watch.stop();
      copy.unsubscribe();
    }
  });
});
