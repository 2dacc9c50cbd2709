import { describe, expect, it } from 'vitest';
import type { Forecast } from '@autoscale/http-contract';
import { toForecastSummary } from './forecast-summary';

const forecast: Forecast = {
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
  it('reads a forecast of /api/forecast, clamping its band to 0–100', () => {
    const s = toForecastSummary(forecast);

    expect(s).toMatchObject({
      resourceId: 'web-1',
      metric: 'cpu',
      current: 80,
      model: 'holt',
      status: 'forecast_breach',
      samples: 30,
    });
    expect(s.breachAt).toBe(Date.parse('2026-01-01T00:20:00.000Z'));
    expect(s.earliest).toBe(Date.parse('2026-01-01T00:15:00.000Z'));
    expect(s.latest).toBeNull();
    expect(s.points).toEqual([{ ts: Date.parse('2026-01-01T00:05:00.000Z'), value: 82, lo: 0, hi: 100 }]);
  });

  it('calls a series at or above its threshold breached, and one with no crossing ahead ok', () => {
    expect(toForecastSummary({ ...forecast, current: 95 }).status).toBe('breached');
    expect(toForecastSummary({ ...forecast, breachAt: null, interval: null }).status).toBe('ok');
  });

  it('reads a summary without points (the overview asks for none) as a forecast without a chart', () => {
    const { points: _points, ...summary } = forecast;
    expect(toForecastSummary(summary).points).toEqual([]);
  });
});
