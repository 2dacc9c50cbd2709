import { afterAll, describe, expect, it } from 'vitest';
import { busNames, forecastUpdatedEvent, metricSampledEvent } from '@autoscale/contracts';
import type { MetricSampled } from '@autoscale/contracts';
import { publishAll } from '@autoscale/bus';
import { createTestBus, durableBacklog, readStream } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { createCounters, createLogger } from '@autoscale/observability';
import { forecastsForSamples } from './metric-sampled.handler';
import { startForecaster } from './partitioned-forecaster';
import { createSeriesRegistry } from './series-registry';

const log = createLogger('forecaster-test', (process.env['TEST_LOG'] ?? 'silent') as 'silent');
const PARTITIONS = 8;
const RESOURCES = 24;
const SAMPLES_PER_RESOURCE = 30;
const STEP = 5 * 60_000;
const T0 = Date.UTC(2026, 2, 1, 0, 0);
const THRESHOLDS = { cpu: 90, mem: 85 };
const WAIT = { timeout: 60_000, interval: 250 };

/** Interleaved in time, as a collector polling every resource publishes them. */
function samples(): MetricSampled[] {
  const out: MetricSampled[] = [];
  for (let i = 0; i < SAMPLES_PER_RESOURCE; i++) {
    for (let r = 0; r < RESOURCES; r++) {
      const wave = Math.sin((i + r) / 4) * 15;
      const clamp = (v: number) => Math.min(100, Math.max(0, v));
      out.push({
        v: 1,
        provider: 'local',
        resourceId: `host-${r}.example`,
        ts: new Date(T0 + i * STEP).toISOString(),
        metrics:
          r % 5 === 0 ? { cpu: clamp(30 + wave + i) } : { cpu: clamp(30 + wave + i * (r % 3)), mem: 50 + wave / 2 },
      });
    }
  }
  return out;
}

/** What one forecaster handling every sample in order publishes, per subject. */
function singleForecaster(all: MetricSampled[]): Map<string, unknown[]> {
  const names = busNames('', PARTITIONS);
  const deps = { registry: createSeriesRegistry({}), thresholds: THRESHOLDS };
  // Through JSON, as on the wire (-0 becomes 0).
  const wire = (event: unknown): unknown => JSON.parse(JSON.stringify(event));
  return bySubject(
    forecastsForSamples(all, deps).map((f) => ({ subject: forecastUpdatedEvent.subject(names, f), json: wire(f) })),
  );
}

function bySubject(messages: Array<{ subject: string; json: unknown }>): Map<string, unknown[]> {
  const grouped = new Map<string, unknown[]>();
  for (const m of messages) grouped.set(m.subject, [...(grouped.get(m.subject) ?? []), m.json]);
  return grouped;
}

const buses: TestBus[] = [];
afterAll(async () => {
  for (const bus of buses.splice(0)) await bus.cleanup();
});

/**
 * Runs `replicas` forecasters over the samples: all but the last start at once, the last
 * joins halfway through, so partitions move between replicas while samples flow.
 */
async function runReplicas(replicas: number, all: MetricSampled[]) {
  const bus = await createTestBus({ partitions: PARTITIONS });
  buses.push(bus);
  await bus.bus.ensure();
  const js = bus.bus.js;
  const start = (memberId: string) =>
    startForecaster({
      bus: bus.bus,
      thresholds: THRESHOLDS,
      windowMin: 60,
      historyHours: 48,
      leaseTtlMs: 6000,
      log,
      counters: createCounters(),
      memberId,
      batchSize: 50,
    });
  const publish = (events: MetricSampled[]) => publishAll(js, bus.names, metricSampledEvent, events);

  const running: Array<Awaited<ReturnType<typeof startForecaster>>> = [];
  for (let i = 0; i < Math.max(1, replicas - 1); i++) running.push(await start(`f${i}`));
  const half = Math.floor(all.length / 2);
  await publish(all.slice(0, half));
  if (replicas > 1) {
    await expect.poll(() => running.flatMap((f) => f.partitions()).length, WAIT).toBe(PARTITIONS);
    running.push(await start(`f${replicas - 1}`));
  }
  await publish(all.slice(half));

  await expect
    .poll(async () => {
      const backlogs = await Promise.all(
        Array.from({ length: PARTITIONS }, (_, p) =>
          durableBacklog(bus.nc, bus.names.streams.metrics, bus.names.durables.forecaster(p)),
        ),
      );
      return backlogs.every((b) => b.pending === 0 && b.ackPending === 0);
    }, WAIT)
    .toBe(true);
  const spread = () => {
    const counts = running.map((f) => f.partitions().length);
    return { total: counts.reduce((a, b) => a + b, 0), fair: Math.max(...counts) - Math.min(...counts) <= 1 };
  };
  await expect.poll(spread, WAIT).toEqual({ total: PARTITIONS, fair: true });
  const stored = await readStream(bus.nc, bus.names.streams.forecasts);
  const shares = running.map((f) => f.partitions().length);
  await Promise.all(running.map((f) => f.stop()));
  const prefix = `${bus.namespace}.`;
  return {
    forecasts: bySubject(stored.map((m) => ({ subject: m.subject.slice(prefix.length), json: m.json }))),
    shares,
  };
}

describe('partitioned forecasters', () => {
  const all = samples();
  const expected = singleForecaster(all);

  it.each([1, 2, 3])(
    'with %i replica(s), publish for every series exactly the forecasts one forecaster publishes',
    { timeout: 180_000 },
    async (replicas) => {
      const { forecasts, shares } = await runReplicas(replicas, all);

      expect(shares.reduce((a, b) => a + b, 0)).toBe(PARTITIONS);
      expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      expect([...forecasts.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [subject, events] of expected) expect(forecasts.get(subject), subject).toEqual(events);
    },
  );
});
