import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstreamManager } from '@nats-io/jetstream';
import { ensureScaling } from './scaling-provision';
import { createTestBus } from './testing/index';
import type { TestBus } from './testing/index';

describe('ensureScaling', () => {
  let bus: TestBus;
  beforeAll(async () => {
    bus = await createTestBus({ partitions: 3 });
  });
  afterAll(() => bus.cleanup());

  const scalerDurables = async () => {
    const jsm = await jetstreamManager(bus.nc);
    const names: string[] = [];
    for await (const c of jsm.consumers.list(bus.names.streams.forecasts))
      if (c.name.startsWith('scaler-')) names.push(c.name);
    return names.sort();
  };

  it('leaves a system without the scaler with no durable nobody reads, and provisions the scaler’s when it starts', async () => {
    await bus.bus.ensure();
    expect(await scalerDurables()).toEqual([]);
    await ensureScaling(bus.bus, 5_000);
    await ensureScaling(bus.bus, 5_000);
    expect(await scalerDurables()).toEqual(['scaler-p0', 'scaler-p1', 'scaler-p2']);
    const jsm = await jetstreamManager(bus.nc);
    expect(
      (await jsm.consumers.info(bus.names.streams.scaleActuations, bus.names.durables.scalerActuate)).config.ack_wait,
    ).toBe(5_000_000_000);
    expect((await jsm.streams.info(bus.names.streams.scaling)).config.subjects).toEqual([
      bus.names.subjects.scaleDecidedAll,
      bus.names.subjects.scaleActuationUpdatedAll,
    ]);
  });
});
