import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstreamManager } from '@nats-io/jetstream';
import { ForecastUpdated, MetricSampled as MetricSampledSchema } from '@autoscale/contracts';
import type { MetricSampled } from '@autoscale/contracts';
import { consumeDurable, createJetStream, ensureBus, publishEvent } from '@autoscale/bus';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { effectiveRule, parseAlertRules } from '@autoscale/config';
import { createCounters, createLogger } from '@autoscale/observability';
import { handleMetricSampled, jetStreamPublisher } from './metric-sampled.handler';
import type { MetricSampledDeps } from './metric-sampled.handler';
import { createSeriesRegistry } from './series-registry';
import { replayWindows } from './window-replay';

const STEP = 5 * 60_000;
const T0 = Date.now() - 200 * STEP;

const sample = (resourceId: string, i: number, metrics: MetricSampled['metrics']): MetricSampled => ({
  v: 1,
  provider: 'local',
  resourceId,
  ts: new Date(T0 + i * STEP).toISOString(),
  metrics,
});

describe('handleMetricSampled', () => {
  let bus: TestBus;
  let deps: MetricSampledDeps;

  async function storedForecasts(filter: string): Promise<Array<{ subject: string; event: ForecastUpdated }>> {
    const jsm = await jetstreamManager(bus.nc);
    const info = await jsm.streams.info(bus.names.streams.forecasts, { subjects_filter: filter });
    const found: Array<{ subject: string; event: ForecastUpdated }> = [];
    for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
      const msg = await jsm.streams.getMessage(bus.names.streams.forecasts, { seq }).catch(() => null);
      if (msg && matches(msg.subject, filter)) found.push({ subject: msg.subject, event: ForecastUpdated.parse(msg.json()) });
    }
    return found;
  }
  const matches = (subject: string, filter: string) => subject.startsWith(filter.replace(/>$/, ''));

  beforeAll(async () => {
    bus = await createTestBus();
    await ensureBus(bus.nc, bus.names);
    deps = {
      registry: createSeriesRegistry({}),
      thresholds: { cpu: 90, mem: 85 },
      publish: jetStreamPublisher(createJetStream(bus.nc)),
      names: bus.names,
    };
  });
  afterAll(() => bus.cleanup());

  it('publishes no forecast from fewer than 5 samples, then one per sample and metric', async () => {
    const counts = [];
    for (let i = 0; i < 7; i++) counts.push(await handleMetricSampled(sample('db-1', i, { cpu: 40 + i, mem: 50 }), deps));
    expect(counts).toEqual([0, 0, 0, 0, 2, 2, 2]);

    const cpu = await storedForecasts(`${bus.namespace}.forecast.updated.db-1.cpu`);
    expect(cpu).toHaveLength(3);
    const last = cpu[cpu.length - 1]!.event;
    expect(last).toMatchObject({ resourceId: 'db-1', metric: 'cpu', threshold: 90, current: 46, samples: 7 });
    expect(last.generatedAt).toBe(new Date(T0 + 6 * STEP).toISOString());
    expect(last.points.length).toBeGreaterThan(0);
    const mem = await storedForecasts(`${bus.namespace}.forecast.updated.db-1.mem`);
    expect(mem.map((f) => f.event.threshold)).toEqual([85, 85, 85]);
  });

  it('forecasts against the threshold the rules file gives the resource', async () => {
    const rules = parseAlertRules('rules:\n  - resource: "batch-*"\n    metric: cpu\n    threshold: 70\n', 'rules.yaml');
    const defaults = { thresholds: { cpu: 90, mem: 85 }, lookaheadMin: 60, renotifyMin: 240 };
    const withRules = { ...deps, thresholdFor: (id: string, metric: 'cpu' | 'mem') => effectiveRule(rules, defaults, id, metric).threshold };
    for (let i = 0; i < 5; i++) await handleMetricSampled(sample('batch-9', i, { cpu: 40, mem: 40 }), withRules);
    const [cpu] = await storedForecasts(`${bus.namespace}.forecast.updated.batch-9.cpu`);
    const [mem] = await storedForecasts(`${bus.namespace}.forecast.updated.batch-9.mem`);
    expect([cpu?.event.threshold, mem?.event.threshold]).toEqual([70, 85]);
  });

  it('ignores a sample it has already seen (redelivery) and one older than the newest', async () => {
    expect(await handleMetricSampled(sample('db-1', 6, { cpu: 46, mem: 50 }), deps)).toBe(0);
    expect(await handleMetricSampled(sample('db-1', 2, { cpu: 99, mem: 50 }), deps)).toBe(0);
    expect(await storedForecasts(`${bus.namespace}.forecast.updated.db-1.cpu`)).toHaveLength(3);
  });

  it('forecasts only the metrics a sample has, and keeps odd resource ids intact', async () => {
    for (let i = 0; i < 5; i++) await handleMetricSampled(sample('web.eu 1', i, { cpu: 30 }), deps);
    const stored = await storedForecasts(`${bus.namespace}.forecast.updated.web~2Eeu~201.>`);
    expect(stored.map((f) => f.subject)).toEqual([`${bus.namespace}.forecast.updated.web~2Eeu~201.cpu`]);
    expect(stored[0]!.event.resourceId).toBe('web.eu 1');
  });

  it('forecasts a breach for a steady ramp towards the threshold', async () => {
    let published = 0;
    for (let i = 0; i < 40; i++) published += await handleMetricSampled(sample('ramp-1', i, { cpu: 20 + i * 1.5 }), deps);
    const stored = await storedForecasts(`${bus.namespace}.forecast.updated.ramp-1.cpu`);
    expect(stored).toHaveLength(published);
    const last = stored[stored.length - 1]!.event;
    expect(last.breachAt).not.toBeNull();
    expect(Date.parse(last.breachAt!)).toBeGreaterThan(Date.parse(last.generatedAt));
  });
});

describe('replayWindows', () => {
  let bus: TestBus;
  const log = createLogger('forecaster-test', 'silent');
  beforeAll(async () => {
    bus = await createTestBus();
    await ensureBus(bus.nc, bus.names);
  });
  afterAll(() => bus.cleanup());

  it('rebuilds each series from what the forecaster already handled, and leaves the rest to the durable', async () => {
    const js = createJetStream(bus.nc);
    const jsm = await jetstreamManager(bus.nc);
    const live = createSeriesRegistry({});
    const deps = { registry: live, thresholds: { cpu: 90, mem: 90 }, publish: jetStreamPublisher(js), names: bus.names };
    const counters = createCounters();
    const loop = await consumeDurable({
      js,
      stream: bus.names.streams.metrics,
      durable: bus.names.durables.forecaster,
      schema: MetricSampledSchema,
      handler: async (event) => void (await handleMetricSampled(event, deps)),
      log,
      counters,
    });
    for (let i = 0; i < 30; i++) {
      const event = sample('app-1', i, { cpu: 30 + (i % 7) * 3, mem: 60 });
      await publishEvent(js, bus.names.subjects.metricSampled('local', 'app-1'), event, `local:app-1:${event.ts}`);
    }
    await expect.poll(() => counters.get('handled'), { timeout: 20_000 }).toBe(30);
    await loop.stop();
    // Published after the forecaster stopped: not yet handled, so not part of the replay.
    const later = sample('app-1', 30, { cpu: 99, mem: 60 });
    await publishEvent(js, bus.names.subjects.metricSampled('local', 'app-1'), later, `local:app-1:${later.ts}`);

    const rebuilt = createSeriesRegistry({});
    const replayed = await replayWindows({ js, jsm, names: bus.names, registry: rebuilt, historyHours: 48, log });
    expect(replayed).toBe(30);
    expect(rebuilt.get('app-1', 'cpu').size()).toBe(live.get('app-1', 'cpu').size());
    expect(rebuilt.get('app-1', 'cpu').forecast(90)).toEqual(live.get('app-1', 'cpu').forecast(90));
    expect(rebuilt.get('app-1', 'mem').forecast(90)).toEqual(live.get('app-1', 'mem').forecast(90));
  });
});
