import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricSampledEvent } from '@autoscale/contracts';
import { durableInfo } from './durable-info';
import { publishAll } from './typed-publish';
import { createTestBus, sampleAt, standInForDurable } from './testing/index';
import type { TestBus } from './testing/index';

/**
 * On NATS 2.9 a restarted server can go on acting as a durable's leader in an old term beside
 * the real leader, and both answer its info, whichever first. Here the shared server plays the
 * stale copy (nothing acked) and a subscriber on the info subject stands in for the real
 * leader on another server, which has handled the first two messages.
 */
describe('durableInfo', () => {
  let bus: TestBus;
  beforeAll(async () => {
    bus = await createTestBus({ partitions: 1 });
    await bus.bus.ensure();
  });
  afterAll(() => bus?.cleanup());

  it('takes the answer that has handled furthest when two servers answer as the leader', async () => {
    const stream = bus.names.streams.metrics;
    const durable = bus.names.durables.forecaster(0);
    await publishAll(bus.bus.js, bus.names, metricSampledEvent, [sampleAt(1), sampleAt(2), sampleAt(3)]);
    const stale = await durableInfo(bus.nc, stream, durable);
    expect(stale.num_pending).toBe(3);
    const realLeader = standInForDurable(bus.nc, { stream, durable }, stale, () => ({ floor: 2, pending: 1 }));
    try {
      const info = await durableInfo(bus.nc, stream, durable);
      expect(info.ack_floor.stream_seq).toBe(2);
      expect(info.num_pending).toBe(1);
    } finally {
      realLeader.unsubscribe();
    }
  });
});
