import { afterEach, describe, expect, it } from 'vitest';
import { forecastUpdatedEvent } from '@autoscale/contracts';
import type { ForecastUpdated } from '@autoscale/contracts';
import { publishAll } from '@autoscale/bus';
import { createTestBus, durableBacklog } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { createCounters, createLogger } from '@autoscale/observability';
import { eventually, startSlackStandIn } from '@autoscale/testing';
import { createSlackChannel } from './channels/slack.channel';
import { alertStream, forecastAt, startAlerterReplica } from './testing/alerter-harness';

const STEP = 5 * 60_000;
const SERIES = Array.from({ length: 8 }, (_, i) => `svc-${i}`);
const STEPS = 24;

/** Each series: quiet, a rising forecast, a breach, then clear; shifted per series. */
function backlog(now: number) {
  const t0 = now - STEPS * STEP;
  const perSeries = SERIES.map((id, s) =>
    Array.from({ length: STEPS }, (_, i) => {
      const phase = (i + s) % STEPS;
      if (phase < 4) return forecastAt(id, t0 + i * STEP, 50, null);
      if (phase < 8) return forecastAt(id, t0 + i * STEP, 75, 20);
      if (phase < 12) return forecastAt(id, t0 + i * STEP, 95, 0);
      return forecastAt(id, t0 + i * STEP, 40, null);
    }),
  );
  // Out of order within each series (a late sample, a retried publish), interleaved across series.
  for (const events of perSeries) {
    for (let i = 3; i + 1 < events.length; i += 7) [events[i], events[i + 1]] = [events[i + 1]!, events[i]!];
  }
  return Array.from({ length: STEPS }, (_, i) => perSeries.map((events) => events[i]!)).flat();
}

/**
 * Runs `replicas` alerters over the backlog, as production does: each replica decides the
 * partitions it holds a lease on (each series by one replica, in stream order) and all
 * share the delivery queue.
 */
async function run(bus: TestBus, events: ForecastUpdated[], replicas: number, slackUrl: string | null) {
  await bus.bus.ensure();
  const js = bus.bus.js;
  await publishAll(js, bus.names, forecastUpdatedEvent, events);
  const alerters = await Promise.all(
    Array.from({ length: replicas }, () =>
      startAlerterReplica(bus, slackUrl ? [createSlackChannel(slackUrl)] : [], {
        maxAgeMs: 24 * 3_600_000,
        leaseMs: 1_000,
      }),
    ),
  );
  const loops = await Promise.all(
    alerters.map((alerter, i) =>
      bus.bus.consumePartitions({
        event: forecastUpdatedEvent,
        group: 'alerter',
        durable: bus.names.durables.alerter,
        leaseTtlMs: 3_000,
        memberId: `replica-${i}`,
        handler: async (_partition, batch) => {
          for (const { event } of batch) await alerter.handle(event);
        },
        log: createLogger('alerter-test', 'silent'),
        counters: createCounters(),
      }),
    ),
  );
  const partitions = Array.from({ length: bus.names.partitions }, (_, p) => p);
  await eventually(
    'every forecast handled',
    async () => {
      const backlogs = await Promise.all(
        partitions.map((p) => durableBacklog(bus.nc, bus.names.streams.forecasts, bus.names.durables.alerter(p))),
      );
      return backlogs.every((b) => b.pending === 0 && b.ackPending === 0) ? true : undefined;
    },
    60_000,
  );
  return {
    async stop() {
      await Promise.all(loops.map((l) => l.stop()));
      await Promise.all(alerters.map((a) => a.stop()));
    },
  };
}

const decided = async (bus: TestBus) =>
  (await alertStream(bus)).alerts.map((a) => `${a.id} ${a.kind} ${a.suppressed ?? 'sent'}`).sort();

describe('several alerter replicas over one backlog', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it.each([2, 3])(
    'decide what one replica decides and send each notification once, with %i replicas and a webhook slower than the lease',
    async (replicas) => {
      const events = backlog(Date.now());
      const reference = await createTestBus({ partitions: 4 });
      cleanups.push(() => reference.cleanup());
      const single = await run(reference, events, 1, null);
      cleanups.push(() => single.stop());
      const expected = await decided(reference);
      expect(expected.length).toBeGreaterThanOrEqual(SERIES.length * 2);

      const bus = await createTestBus({ partitions: 4 });
      cleanups.push(() => bus.cleanup());
      // Each post takes 1.5 s, longer than the 1 s lease: only the lease renewal and the claim keep it single.
      const slack = await startSlackStandIn({ delayMs: 1_500 });
      cleanups.push(() => slack.close());
      const many = await run(bus, events, replicas, slack.url);
      cleanups.push(() => many.stop());

      expect(await decided(bus)).toEqual(expected);
      const toSend = (await alertStream(bus)).alerts.filter((a) => !a.suppressed);
      await eventually(
        'every notification posted',
        async () => (slack.posts.length >= toSend.length ? true : undefined),
        60_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const ids = slack.posts.map((p) =>
        String((p.blocks?.at(-1) as { elements: Array<{ text: string }> }).elements[0]!.text),
      );
      expect(ids.sort()).toEqual(toSend.map((a) => `alert ${a.id}`).sort());
    },
  );
});
