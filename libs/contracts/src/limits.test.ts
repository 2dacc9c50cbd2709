import { describe, expect, it } from 'vitest';
import { alertFiredSchema } from './alert-fired.event';
import { forecastUpdatedSchema } from './forecast-updated.event';
import { LIMITS, clampPercent, eventTooLarge } from './limits';
import { metricSampledSchema } from './metric-sampled.event';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const bounds = { now: () => NOW, maxClockSkewSec: 300 };
const Sample = metricSampledSchema(bounds);
const sample = {
  v: 1,
  provider: 'aws',
  resourceId: 'i-1',
  ts: '2026-03-01T12:00:00.000Z',
  metrics: { cpu: 50 },
  labels: { region: 'eu-west-1' },
};
const forecast = {
  v: 1,
  resourceId: 'i-1',
  metric: 'cpu',
  generatedAt: '2026-03-01T12:00:00.000Z',
  model: 'holt',
  threshold: 90,
  current: 50,
  slopePerMin: 0.1,
  breachAt: '2026-03-01T18:00:00.000Z',
  breachInMin: 360,
  interval: null,
  points: [{ ts: '2026-03-01T13:00:00.000Z', value: 60, lo: 55, hi: 65 }],
  samples: 10,
};
const alert = {
  v: 1,
  id: 'a-1',
  resourceId: 'i-1',
  metric: 'cpu',
  kind: 'forecast',
  severity: 'warning',
  breachAt: null,
  message: 'cpu will reach 90 %',
  firedAt: '2026-03-01T12:00:00.000Z',
  deliveries: [],
};
const reason = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message).join('; ') ?? '';

describe('event limits', () => {
  it('accept a sample, a forecast and an alert of ordinary size and time', () => {
    expect(Sample.safeParse(sample).success).toBe(true);
    expect(forecastUpdatedSchema(bounds).safeParse(forecast).success).toBe(true);
    expect(alertFiredSchema(bounds).safeParse(alert).success).toBe(true);
  });

  it('refuse a sample dated beyond the clock skew, and accept one just inside it', () => {
    expect(reason(Sample.safeParse({ ...sample, ts: '2999-01-01T00:00:00Z' }))).toMatch(/in the future/);
    expect(Sample.safeParse({ ...sample, ts: new Date(NOW + 299_000).toISOString() }).success).toBe(true);
  });

  it('refuse times before the year 2000 on every event, with or without a clock', () => {
    expect(reason(Sample.safeParse({ ...sample, ts: '1999-12-31T23:59:59Z' }))).toMatch(/2000/);
    expect(metricSampledSchema().safeParse({ ...sample, ts: '0000-01-01T00:00:00Z' }).success).toBe(false);
    expect(forecastUpdatedSchema().safeParse({ ...forecast, generatedAt: '1970-01-01T00:00:00Z' }).success).toBe(false);
    expect(alertFiredSchema().safeParse({ ...alert, firedAt: '1970-01-01T00:00:00Z' }).success).toBe(false);
  });

  it('refuse forecasts and alerts dated beyond the clock skew, but not their future breach times', () => {
    const late = '2026-03-01T13:00:00.000Z';
    expect(forecastUpdatedSchema(bounds).safeParse({ ...forecast, generatedAt: late }).success).toBe(false);
    expect(alertFiredSchema(bounds).safeParse({ ...alert, firedAt: late }).success).toBe(false);
    expect(alertFiredSchema(bounds).safeParse({ ...alert, breachAt: late }).success).toBe(true);
  });

  it('refuse non-finite and absurd numbers', () => {
    expect(Sample.safeParse({ ...sample, metrics: { cpu: Number.NaN } }).success).toBe(false);
    expect(Sample.safeParse({ ...sample, metrics: { cpu: 140 } }).success).toBe(false);
    expect(Sample.safeParse({ ...sample, metrics: { mem: -3 } }).success).toBe(false);
    const huge = { ...forecast, points: [{ ts: forecast.generatedAt, value: 1e308, lo: 0, hi: 1 }] };
    expect(forecastUpdatedSchema().safeParse(huge).success).toBe(false);
    expect(forecastUpdatedSchema().safeParse({ ...forecast, current: -1e308 }).success).toBe(false);
    expect(alertFiredSchema().safeParse({ ...alert, current: Number.POSITIVE_INFINITY }).success).toBe(false);
  });

  it('refuse NUL in any text PostgreSQL would store', () => {
    expect(Sample.safeParse({ ...sample, provider: 'a\u0000b' }).success).toBe(false);
    expect(Sample.safeParse({ ...sample, labels: { 'k\u0000': 'v' } }).success).toBe(false);
    expect(Sample.safeParse({ ...sample, labels: { k: 'v\u0000' } }).success).toBe(false);
    expect(forecastUpdatedSchema().safeParse({ ...forecast, model: 'h\u0000' }).success).toBe(false);
    expect(alertFiredSchema().safeParse({ ...alert, message: 'x\u0000' }).success).toBe(false);
  });

  it('refuse ids, labels and messages over their size', () => {
    expect(Sample.safeParse({ ...sample, resourceId: 'x'.repeat(LIMITS.idChars + 1) }).success).toBe(false);
    expect(Sample.safeParse({ ...sample, resourceId: 'x'.repeat(LIMITS.idChars) }).success).toBe(true);
    const many = Object.fromEntries(Array.from({ length: LIMITS.labelPairs + 1 }, (_, i) => [`k${i}`, 'v']));
    expect(reason(Sample.safeParse({ ...sample, labels: many }))).toMatch(/at most 32 labels/);
    expect(Sample.safeParse({ ...sample, labels: { k: 'v'.repeat(1_000_000) } }).success).toBe(false);
    expect(alertFiredSchema().safeParse({ ...alert, message: 'm'.repeat(LIMITS.messageChars + 1) }).success).toBe(
      false,
    );
    expect(alertFiredSchema().safeParse({ ...alert, message: 'm'.repeat(LIMITS.messageChars) }).success).toBe(true);
  });
});

describe('clampPercent', () => {
  it('turns a rounding slip just past 100 or below 0 into the bound', () => {
    expect(clampPercent(100.4)).toBe(100);
    expect(clampPercent(101)).toBe(100);
    expect(clampPercent(-0.2)).toBe(0);
    expect(clampPercent(42)).toBe(42);
  });

  it('leaves absurd values for the schema to refuse', () => {
    expect(clampPercent(140)).toBe(140);
    expect(Number.isNaN(clampPercent(Number.NaN))).toBe(true);
  });
});

describe('eventTooLarge', () => {
  it('names the size of an event over 64 KB and passes one at the limit', () => {
    expect(eventTooLarge(new Uint8Array(LIMITS.eventBytes))).toBeNull();
    expect(eventTooLarge(new Uint8Array(LIMITS.eventBytes + 1))).toMatch(/65537 bytes, over the 65536-byte limit/);
  });
});
