import { describe, expect, it } from 'vitest';
import { forecastItems, toForecastSummary } from './forecast-summary';

const full = {
  resourceId: 'web-1',
  metric: 'cpu',
  generatedAt: '2026-01-01T00:00:00.000Z',
  model: 'holt',
  threshold: 90,
  current: 80,
  slopePerMin: 0.5,
  breachAt: '2026-01-01T00:20:00.000Z',
  breachInMin: 20,
  interval: { earliest: '2026-01-01T00:15:00.000Z', latest: null },
  points: [{ ts: '2026-01-01T00:05:00.000Z', value: 82, lo: -63.6, hi: 130.3 }],
  samples: 30,
};

describe('toForecastSummary', () => {
  it('reads the full forecast of today, clamping its band to 0–100', () => {
    const s = toForecastSummary(full)!;

    expect(s).toMatchObject({ resourceId: 'web-1', metric: 'cpu', current: 80, model: 'holt', status: 'forecast_breach', samples: 30 });
    expect(s.breachAt).toBe(Date.parse('2026-01-01T00:20:00.000Z'));
    expect(s.earliest).toBe(Date.parse('2026-01-01T00:15:00.000Z'));
    expect(s.latest).toBeNull();
    expect(s.points).toEqual([{ ts: Date.parse('2026-01-01T00:05:00.000Z'), value: 82, lo: 0, hi: 100 }]);
  });

  it('reads a summary without points, taking the status the server gives', () => {
    const s = toForecastSummary({ resourceId: 'db', metric: 'mem', current: 40, breachAt: null, interval: null, model: 'ols', status: 'silenced' })!;

    expect(s).toMatchObject({ status: 'silenced', points: [], breachAt: null });
  });

  it.each(['warming_up', 'warming-up', 'warmingUp'])('understands the warming-up status written %s, with its sample count', (status) => {
    const s = toForecastSummary({ resourceId: 'local-1', metric: 'cpu', status, samples: 1, samplesNeeded: 5, current: null })!;

    expect(s).toMatchObject({ status: 'warming_up', samples: 1, samplesNeeded: 5 });
  });

  it('calls a series at or above its threshold breached', () => {
    expect(toForecastSummary({ ...full, current: 95 })!.status).toBe('breached');
  });

  it('refuses what is not a forecast', () => {
    expect(toForecastSummary({ resourceId: 'x', metric: 'disk' })).toBeNull();
    expect(toForecastSummary(null)).toBeNull();
  });
});

describe('forecastItems', () => {
  it('finds the list under forecasts, summaries or as the body itself', () => {
    expect(forecastItems({ forecasts: [1] })).toEqual([1]);
    expect(forecastItems({ summaries: [2] })).toEqual([2]);
    expect(forecastItems([3])).toEqual([3]);
    expect(forecastItems({})).toEqual([]);
  });
});
