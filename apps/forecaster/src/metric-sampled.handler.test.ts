import { describe, expect, it } from 'vitest';
import { busNames, ForecastUpdated, forecastUpdatedEvent, forecastUpdatedMsgId } from '@autoscale/contracts';
import type { MetricSampled } from '@autoscale/contracts';
import { forecastsForSamples } from './metric-sampled.handler';
import type { MetricSampledDeps } from './metric-sampled.handler';
import { effectiveRule, parseAlertRules } from '@autoscale/config';
import { createSeriesRegistry } from './series-registry';

const STEP = 5 * 60_000;
const T0 = Date.UTC(2026, 2, 1, 0, 0);

const sample = (resourceId: string, i: number, metrics: MetricSampled['metrics']): MetricSampled => ({
  v: 1,
  provider: 'local',
  resourceId,
  ts: new Date(T0 + i * STEP).toISOString(),
  metrics,
});

const freshDeps = (): MetricSampledDeps => ({
  registry: createSeriesRegistry({}),
  thresholds: { cpu: 90, mem: 85 },
});
const names = busNames('ns', 8);

const forecastsOf = (out: ReturnType<typeof forecastsForSamples>) => out.map((o) => ForecastUpdated.parse(o));

describe('forecastsForSamples', () => {
  it('forecasts against the threshold the rules file gives the resource', () => {
    const rules = parseAlertRules(
      'rules:\n  - resource: "batch-*"\n    metric: cpu\n    threshold: 70\n',
      'rules.yaml',
    );
    const defaults = { thresholds: { cpu: 90, mem: 85 }, lookaheadMin: 60, renotifyMin: 240 };
    const deps = {
      ...freshDeps(),
      thresholdFor: (id: string, metric: 'cpu' | 'mem') => effectiveRule(rules, defaults, id, metric).threshold,
    };
    const out = forecastsForSamples(
      Array.from({ length: 5 }, (_, i) => sample('batch-9', i, { cpu: 40, mem: 40 })),
      deps,
    );
    expect(out.map((f) => [f.metric, f.threshold])).toEqual([
      ['cpu', 70],
      ['mem', 85],
    ]);
  });

  it('yields no forecast from fewer than 5 samples, then one per sample and metric', () => {
    const deps = freshDeps();
    const counts = [];
    for (let i = 0; i < 7; i++)
      counts.push(forecastsForSamples([sample('db-1', i, { cpu: 40 + i, mem: 50 })], deps).length);
    expect(counts).toEqual([0, 0, 0, 0, 2, 2, 2]);
  });

  it('yields forecasts the contract accepts, addressed to their partition subject', () => {
    const batch = Array.from({ length: 6 }, (_, i) => sample('db-1', i, { cpu: 40 + i, mem: 50 }));
    const last = forecastsForSamples(batch, freshDeps()).at(-1)!;
    expect(ForecastUpdated.parse(last)).toEqual(last);
    expect(forecastUpdatedEvent.subject(names, last)).toBe(
      `ns.forecast.updated.p${names.partitionOf('db-1')}.db-1.mem`,
    );
    expect(forecastUpdatedMsgId(last)).toBe(`db-1:mem:${last.generatedAt}`);
    expect(last).toMatchObject({ resourceId: 'db-1', metric: 'mem', threshold: 85, samples: 6 });
  });

  it('gives the same forecasts for a batch as for its samples one at a time', () => {
    const batch = Array.from({ length: 20 }, (_, i) => sample(`r-${i % 3}`, i, { cpu: 20 + i, mem: 40 }));
    const whole = forecastsForSamples(batch, freshDeps());
    const single = freshDeps();
    const oneByOne = batch.flatMap((e) => forecastsForSamples([e], single));
    expect(whole).toEqual(oneByOne);
  });

  it('ignores a sample it has already seen (redelivery) and one older than the newest, and counts both as skipped', () => {
    let skipped = 0;
    const deps = { ...freshDeps(), onSkipped: (n: number) => (skipped += n) };
    forecastsForSamples(
      Array.from({ length: 7 }, (_, i) => sample('db-1', i, { cpu: 40 + i })),
      deps,
    );
    expect(skipped).toBe(0);
    expect(forecastsForSamples([sample('db-1', 6, { cpu: 46 })], deps)).toEqual([]);
    expect(forecastsForSamples([sample('db-1', 2, { cpu: 99 })], deps)).toEqual([]);
    expect(skipped).toBe(2);
  });

  it('forecasts only the metrics a sample has, and keeps odd resource ids intact', () => {
    const out = forecastsForSamples(
      Array.from({ length: 5 }, (_, i) => sample('web.eu 1', i, { cpu: 30 })),
      freshDeps(),
    );
    expect(out.map((o) => forecastUpdatedEvent.subject(names, o))).toEqual([
      names.subjects.forecastUpdated('web.eu 1', 'cpu'),
    ]);
    expect(forecastsOf(out)[0]!.resourceId).toBe('web.eu 1');
  });

  it('forecasts a breach for a steady ramp towards the threshold', () => {
    const out = forecastsForSamples(
      Array.from({ length: 40 }, (_, i) => sample('ramp-1', i, { cpu: 20 + i * 1.5 })),
      freshDeps(),
    );
    const last = forecastsOf(out).at(-1)!;
    expect(last.breachAt).not.toBeNull();
    expect(Date.parse(last.breachAt!)).toBeGreaterThan(Date.parse(last.generatedAt));
  });
});
