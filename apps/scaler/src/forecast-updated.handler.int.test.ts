import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { handleForecastUpdated } from './forecast-updated.handler';
import { forecastEvent } from './testing/forecast-event';
import { scalerHarness, target } from './testing/scaler-harness';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T10:00:00Z');

describe('handleForecastUpdated', () => {
  let bus: TestBus;
  beforeAll(async () => {
    bus = await createTestBus({ partitions: 2 });
  });
  afterAll(() => bus.cleanup());

  it('decides a target once every member has reported for the epoch, with its inputs and a reason', async () => {
    const h = await scalerHarness(bus, [target({ name: 'ramp', members: 'ramp-*' })]);
    const now = () => T0 + 1_000;
    const deps = { ...h.deps, now };
    for (const member of ['ramp-1', 'ramp-2'])
      await handleForecastUpdated(forecastEvent(member, T0 - 5 * MIN, { current: 50 }), deps);
    // The first poll: members are found by their forecasts, so it is complete once the next begins.
    expect(await h.decisions('ramp')).toHaveLength(0);
    await handleForecastUpdated(forecastEvent('ramp-1', T0, { current: 50, slopePerMin: 3 }), deps);
    expect(await h.decisions('ramp')).toHaveLength(1);
    await handleForecastUpdated(forecastEvent('ramp-2', T0, { current: 50, slopePerMin: 3 }), deps);
    const [, decision, ...more] = await h.decisions('ramp');
    expect(more).toEqual([]);
    // 50 % now, 65 % expected in 5 min on 2 members at 60 %: ceil(2 × 65 / 60) = 3.
    expect(decision).toMatchObject({
      target: 'ramp',
      forecastAt: new Date(T0).toISOString(),
      action: 'scale-out',
      current: 2,
      desired: 3,
      expectedUtilization: 65,
      mode: 'recommend',
      execute: false,
      reason: 'expected 65% (central) in 5 min > target 60% on 2: 3',
    });
    expect(decision!.members.map((m) => m.resourceId)).toEqual(['ramp-1', 'ramp-2']);
    expect(await h.jobs('ramp')).toBe(0);
  });

  it('decides the same whatever order the members arrive in, and a redelivered forecast changes nothing', async () => {
    const h = await scalerHarness(bus, [target({ name: 'order', members: 'order-*' })]);
    const warm = [
      forecastEvent('order-1', T0 - 5 * MIN, { current: 40 }),
      forecastEvent('order-2', T0 - 5 * MIN, { current: 40 }),
    ];
    for (const e of warm) await handleForecastUpdated(e, h.deps);
    const events = [0, 1, 2].flatMap((i) => [
      forecastEvent('order-1', T0 + i * 5 * MIN, { current: 40 + i * 15 }),
      forecastEvent('order-2', T0 + i * 5 * MIN, { current: 40 + i * 15 }),
    ]);
    // order-2 runs a poll ahead of order-1 (another partition, another replica).
    const shuffled = [events[1]!, events[3]!, events[0]!, events[5]!, events[2]!, events[2]!, events[4]!];
    for (const e of shuffled) await handleForecastUpdated(e, h.deps);
    const decided = (await h.decisions('order')).slice(1).map((d) => [d.forecastAt, d.desired]);
    expect(decided).toEqual([
      [new Date(T0).toISOString(), 2],
      [new Date(T0 + 5 * MIN).toISOString(), 2],
      [new Date(T0 + 10 * MIN).toISOString(), 3],
    ]);
  });

  it('in act mode enqueues a decision for its actuator once, not again while identical', async () => {
    const h = await scalerHarness(
      bus,
      [target({ name: 'hook', members: 'hook-*', actuator: { type: 'webhook', url: 'http://127.0.0.1:9/x' } })],
      'act',
    );
    // The fourth poll completes the third (and the first is decided once the second begins).
    for (const i of [0, 1, 2, 3])
      await handleForecastUpdated(forecastEvent('hook-1', T0 + i * MIN, { current: 90 }), h.deps);
    const decisions = await h.decisions('hook');
    expect(decisions.map((d) => [d.desired, d.execute])).toEqual([
      [2, true],
      [2, false],
      [2, false],
    ]);
    expect(await h.jobs('hook')).toBe(1);
  });

  it('records but never executes the decisions of a paused target', async () => {
    const h = await scalerHarness(
      bus,
      [target({ name: 'paused', members: 'paused-*', actuator: { type: 'webhook', url: 'http://127.0.0.1:9/x' } })],
      'act',
    );
    await h.controls.pause({
      v: 1,
      target: 'paused',
      pausedAt: new Date().toISOString(),
      pausedBy: 'ops',
      comment: '',
    });
    await handleForecastUpdated(forecastEvent('paused-1', T0, { current: 95 }), h.deps);
    await handleForecastUpdated(forecastEvent('paused-1', T0 + MIN, { current: 95 }), h.deps);
    expect(await h.decisions('paused')).toEqual([
      expect.objectContaining({ paused: true, execute: false, desired: 2 }),
    ]);
  });

  it('decides nothing in mode off', async () => {
    const h = await scalerHarness(bus, [target({ name: 'off', members: 'off-*' })], 'off');
    await handleForecastUpdated(forecastEvent('off-1', T0, { current: 95 }), h.deps);
    expect(await h.decisions('off')).toEqual([]);
  });
});
