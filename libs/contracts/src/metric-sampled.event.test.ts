import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MetricSampled, metricSampledMsgId } from './metric-sampled.event';

const valid: MetricSampled = {
  v: 1,
  provider: 'aws',
  resourceId: 'i-0abc.eu-west-1',
  ts: '2026-03-01T12:00:00.000Z',
  metrics: { cpu: 42.5, mem: 61 },
  labels: { region: 'eu-west-1' },
};

/** The human-readable problems zod reports, as a service would log them. */
function problems(input: unknown): string {
  const result = MetricSampled.safeParse(input);
  expect(result.success).toBe(false);
  return result.error ? z.prettifyError(result.error) : '';
}

describe('MetricSampled', () => {
  it('accepts a sample with both metrics and labels', () => {
    expect(MetricSampled.parse(valid)).toEqual(valid);
  });

  it('accepts a sample with cpu only (no memory agent) and keeps mem absent', () => {
    const parsed = MetricSampled.parse({ ...valid, metrics: { cpu: 0 }, labels: undefined });
    expect(parsed.metrics).toEqual({ cpu: 0 });
    expect('mem' in parsed.metrics).toBe(false);
  });

  it('accepts the bounds 0 and 100 and a timestamp with an offset', () => {
    expect(MetricSampled.safeParse({ ...valid, metrics: { cpu: 0, mem: 100 } }).success).toBe(true);
    expect(MetricSampled.safeParse({ ...valid, ts: '2026-03-01T13:00:00+01:00' }).success).toBe(true);
  });

  it.each([
    ['cpu', { cpu: 100.1 }],
    ['cpu', { cpu: -1 }],
    ['mem', { cpu: 10, mem: 250 }],
  ])('rejects an out-of-range %s with a message naming metrics.%s', (field, metrics) => {
    expect(problems({ ...valid, metrics })).toContain(`metrics.${field}`);
  });

  it('rejects an empty metrics object, naming metrics', () => {
    const message = problems({ ...valid, metrics: {} });
    expect(message).toContain('at least one of cpu, mem');
    expect(message).toContain('at metrics');
  });

  it.each(['v', 'provider', 'resourceId', 'ts', 'metrics'] as const)(
    'rejects a sample without %s, naming it',
    (field) => {
      const { [field]: _dropped, ...rest } = valid;
      expect(problems(rest)).toContain(`at ${field}`);
    },
  );

  it('rejects a timestamp that is not ISO 8601, a version other than 1 and an over-long resource id', () => {
    expect(problems({ ...valid, ts: 'yesterday' })).toContain('at ts');
    expect(problems({ ...valid, v: 2 })).toContain('at v');
    expect(problems({ ...valid, resourceId: 'x'.repeat(257) })).toContain('at resourceId');
  });

  it('rejects a metric sent as a string', () => {
    expect(problems({ ...valid, metrics: { cpu: '42' } })).toContain('metrics.cpu');
  });
});

describe('metricSampledMsgId', () => {
  it('is provider:resource:ts', () => {
    expect(metricSampledMsgId(valid)).toBe('aws:i-0abc.eu-west-1:2026-03-01T12:00:00.000Z');
  });

  it('is the same for equivalent ISO spellings of one instant, so a republished sample is deduplicated', () => {
    const spellings = [
      '2026-03-01T12:00:00Z',
      '2026-03-01T12:00:00.000Z',
      '2026-03-01T14:00:00+02:00',
      '2026-03-01T07:00:00-05:00',
    ];
    const ids = new Set(spellings.map((ts) => metricSampledMsgId({ ...valid, ts })));
    expect(ids.size).toBe(1);
  });

  it('differs for a different instant, provider or resource', () => {
    const base = metricSampledMsgId(valid);
    expect(metricSampledMsgId({ ...valid, ts: '2026-03-01T12:00:01Z' })).not.toBe(base);
    expect(metricSampledMsgId({ ...valid, provider: 'gcp' })).not.toBe(base);
    expect(metricSampledMsgId({ ...valid, resourceId: 'other' })).not.toBe(base);
  });
});

describe('MetricSampled resource ids', () => {
  it('refuses a resource id with a NUL character, which the read model could never store', () => {
    const result = MetricSampled.safeParse({
      v: 1,
      provider: 'local',
      resourceId: 'web\u00001',
      ts: '2026-01-01T00:00:00.000Z',
      metrics: { cpu: 10 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['resourceId']);
  });
});
