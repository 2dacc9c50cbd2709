import { afterEach, describe, expect, it } from 'vitest';
import { forecastUpdatedEvent } from '@autoscale/contracts';
import type { ForecastUpdated } from '@autoscale/contracts';
import { publishAll } from '@autoscale/bus';
import { createTestBus, durableBacklog } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { eventually } from '@autoscale/testing';
import { handleForecastUpdated } from './forecast-updated.handler';
import { forecastEvent } from './testing/forecast-event';
import { scalerHarness, target } from './testing/scaler-harness';

const STEP = 5 * 60_000;
const EPOCHS = 12;
const TARGETS = [
  target({ name: 'web', members: 'web-*' }),
  target({ name: 'api', members: 'api-*', targetUtilization: 50, maxStep: 2 }),
];
const MEMBERS = ['web-1', 'web-2', 'web-3', 'api-1', 'api-2', 'api-3'];

/** Each poll: every member's forecast; web ramps from the fourth poll, api falls then rises. */
function polls(t0: number): ForecastUpdated[][] {
  return Array.from({ length: EPOCHS }, (_, i) =>
    MEMBERS.map((id, m) => {
      const ramp = id.startsWith('web') ? Math.max(0, i - 3) * 6 : Math.abs(i - 6) * 5;
      return forecastEvent(id, t0 + i * STEP, {
        current: 35 + m + ramp,
        slopePerMin: id.startsWith('web') && i >= 3 ? 1.2 : 0,
        p15: i >= 6 ? 0.4 : 0.05,
      });
    }),
  );
}

/** `replicas` scalers on one bus, fed poll by poll as the forecaster does; the decisions they published. */
async function run(bus: TestBus, replicas: number, t0: number) {
  const harnesses = await Promise.all(Array.from({ length: replicas }, () => scalerHarness(bus, TARGETS)));
  const loops = await Promise.all(
    harnesses.map((h, i) =>
      bus.bus.consumePartitions({
        event: forecastUpdatedEvent,
        group: 'scaler',
        durable: bus.names.durables.scaler,
        leaseTtlMs: 3_000,
        memberId: `replica-${i}`,
        handler: async (_p, batch) => {
          for (const { event } of batch)
            await handleForecastUpdated(event, { ...h.deps, now: () => Date.parse(event.generatedAt) });
        },
        log: h.deps.log,
        counters: h.deps.counters,
      }),
    ),
  );
  // Every replica holds partitions before the first poll (leases settle within a renewal).
  await eventually(
    'partitions spread over the replicas',
    async () => (loops.every((l) => l.consuming().length > 0) ? true : undefined),
    15_000,
  );
  const partitions = Array.from({ length: bus.names.partitions }, (_, p) => p);
  for (const poll of polls(t0)) {
    await publishAll(harnesses[0]!.js, bus.names, forecastUpdatedEvent, poll);
    await eventually(
      'the poll handled',
      async () => {
        const backlogs = await Promise.all(
          partitions.map((p) => durableBacklog(bus.nc, bus.names.streams.forecasts, bus.names.durables.scaler(p))),
        );
        return backlogs.every((b) => b.pending === 0 && b.ackPending === 0) ? true : undefined;
      },
      20_000,
    );
  }
  await Promise.all(loops.map((l) => l.stop()));
  const decisions = await harnesses[0]!.decisions();
  return decisions.map((d) => `${d.target} ${d.forecastAt} ${d.current}→${d.desired} ${d.action}: ${d.reason}`).sort();
}

describe('two scaler replicas', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('decide exactly what one replica decides, each target once per poll', async () => {
    const t0 = Date.now() - EPOCHS * STEP;
    const one = await createTestBus({ partitions: 4 });
    cleanups.push(() => one.cleanup());
    const expected = await run(one, 1, t0);
    expect(expected).toHaveLength(2 * EPOCHS);
    expect(expected.some((d) => d.includes('scale-out'))).toBe(true);

    const two = await createTestBus({ partitions: 4 });
    cleanups.push(() => two.cleanup());
    expect(await run(two, 2, t0)).toEqual(expected);
  });
});
