import { afterAll, describe, expect, it } from 'vitest';
import { metricSampledEvent } from '@autoscale/contracts';
import { createCounters } from '@autoscale/observability';
import { publishAll } from './typed-publish';
import { createTestBus, sampleAt } from './testing/index';
import type { TestBus } from './testing/index';

const TTL = 1_500;
const WAIT = { timeout: 20_000, interval: 100 };

let bus: TestBus;
afterAll(() => bus?.cleanup());

describe('consumePartitions', () => {
  it('gives up a partition whose handler hangs with messages pending, and another replica handles them', async () => {
    bus = await createTestBus({ partitions: 1 });
    const front = bus.bus;
    await front.ensure();
    const handledBy: Record<string, number> = { stuck: 0, healthy: 0 };
    const consume = (memberId: string, handler: () => Promise<void>) =>
      front.consumePartitions({
        event: metricSampledEvent,
        group: 'forecaster',
        durable: front.names.durables.forecaster,
        leaseTtlMs: TTL,
        memberId,
        counters: createCounters(),
        handler: async (_p, batch) => {
          await handler();
          handledBy[memberId] = (handledBy[memberId] ?? 0) + batch.length;
        },
      });
    const stuck = await consume('stuck', () => new Promise<void>(() => undefined));
    await expect.poll(() => stuck.consuming(), WAIT).toEqual([0]);
    const healthy = await consume('healthy', () => Promise.resolve());
    await publishAll(front.js, front.names, metricSampledEvent, [sampleAt(1), sampleAt(2), sampleAt(3)]);
    const startedAt = Date.now();

    await expect.poll(() => handledBy['healthy'], WAIT).toBe(3);
    // Two TTLs without progress, a TTL for the stuck batch to stop, then the lease rounds
    // that hand it over (bounded loosely: a loaded machine stretches each step).
    expect(Date.now() - startedAt).toBeLessThan(8 * TTL + 5_000);
    expect(stuck.consuming()).toEqual([]);
    expect(healthy.consuming()).toEqual([0]);
    await Promise.all([healthy.stop(), stuck.stop()]);
  });
});
