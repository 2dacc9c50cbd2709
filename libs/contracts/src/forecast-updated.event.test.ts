import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ForecastUpdated, forecastUpdatedMsgId } from './forecast-updated.event';

const breaching: ForecastUpdated = {
  v: 1,
  resourceId: 'web.01',
  metric: 'cpu',
  generatedAt: '2026-03-01T12:00:00.000Z',
  model: 'holt',
  threshold: 90,
  current: 71.2,
  slopePerMin: 0.5,
  breachAt: '2026-03-01T12:38:00.000Z',
  breachInMin: 38,
  interval: { earliest: '2026-03-01T12:25:00.000Z', latest: '2026-03-01T13:10:00.000Z' },
  points: [{ ts: '2026-03-01T12:05:00.000Z', value: 73.7, lo: 70, hi: 77.4 }],
  samples: 48,
};

const quiet: ForecastUpdated = {
  ...breaching,
  metric: 'mem',
  breachAt: null,
  breachInMin: null,
  interval: null,
  points: [],
};

function problems(input: unknown): string {
  const result = ForecastUpdated.safeParse(input);
  expect(result.success).toBe(false);
  return result.error ? z.prettifyError(result.error) : '';
}

describe('ForecastUpdated', () => {
  it('accepts the optional breach probabilities and still accepts events without them', () => {
    const withP = {
      ...breaching,
      breachProbability: [
        { withinMin: 30, p: 0.12 },
        { withinMin: 60, p: 0.4 },
      ],
    };
    expect(ForecastUpdated.parse(withP)).toEqual(withP);
    expect(ForecastUpdated.parse(breaching)).not.toHaveProperty('breachProbability');
  });

  it('refuses a breach probability outside [0, 1], naming the field', () => {
    expect(problems({ ...breaching, breachProbability: [{ withinMin: 60, p: 1.5 }] })).toContain('breachProbability');
  });

  it('accepts a forecast with a predicted breach and its interval', () => {
    expect(ForecastUpdated.parse(breaching)).toEqual(breaching);
  });

  it('accepts a forecast with no breach in the horizon (nulls, no points)', () => {
    expect(ForecastUpdated.parse(quiet)).toEqual(quiet);
  });

  it('accepts an interval open on one side', () => {
    const open = { ...breaching, interval: { earliest: '2026-03-01T12:25:00Z', latest: null } };
    expect(ForecastUpdated.safeParse(open).success).toBe(true);
  });

  it.each(['resourceId', 'metric', 'generatedAt', 'model', 'breachAt', 'interval', 'points', 'samples'] as const)(
    'rejects a forecast without %s, naming it',
    (field) => {
      const { [field]: _dropped, ...rest } = breaching;
      expect(problems(rest)).toContain(`at ${field}`);
    },
  );

  it('rejects an unknown metric, a fractional or negative sample count and a malformed point', () => {
    expect(problems({ ...breaching, metric: 'disk' })).toContain('at metric');
    expect(problems({ ...breaching, samples: 2.5 })).toContain('at samples');
    expect(problems({ ...breaching, samples: -1 })).toContain('at samples');
    expect(problems({ ...breaching, points: [{ ts: 'soon', value: 1, lo: 0, hi: 2 }] })).toContain('points[0].ts');
  });
});

describe('forecastUpdatedMsgId', () => {
  it('is resource:metric:generatedAt', () => {
    expect(forecastUpdatedMsgId(breaching)).toBe('web.01:cpu:2026-03-01T12:00:00.000Z');
  });

  it('is the same for equivalent ISO spellings of generatedAt', () => {
    const a = forecastUpdatedMsgId({ ...breaching, generatedAt: '2026-03-01T12:00:00Z' });
    const b = forecastUpdatedMsgId({ ...breaching, generatedAt: '2026-03-01T13:00:00.000+01:00' });
    expect(a).toBe(b);
  });

  it('differs between the cpu and mem forecasts of one sample', () => {
    expect(forecastUpdatedMsgId(breaching)).not.toBe(forecastUpdatedMsgId(quiet));
  });
});
