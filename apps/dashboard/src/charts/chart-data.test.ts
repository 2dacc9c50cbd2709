import { describe, expect, it } from 'vitest';
import type { Forecast } from '@autoscale/http-contract';
import { toForecastSummary } from '../api/forecast-summary';

const forecastOf = (generatedAt: string, points: Forecast['points']): Forecast => ({
  resourceId: 'a',
  metric: 'cpu',
  generatedAt,
  model: 'holt',
  threshold: 90,
  current: 50,
  slopePerMin: 0,
  breachAt: null,
  breachInMin: null,
  interval: null,
  points,
  samples: 30,
});
import { chartColumns } from './chart-data';

describe('chartColumns', () => {
  it('puts samples and forecast on one time axis, the forecast starting at the newest sample', () => {
    const forecast = toForecastSummary(
      forecastOf('1970-01-01T00:02:00.000Z', [{ ts: '1970-01-01T00:03:00.000Z', value: 60, lo: 55, hi: 65 }]),
    );
    const [x, samples, line, lo, hi, threshold] = chartColumns(
      [
        { ts: 60_000, value: 40 },
        { ts: 120_000, value: 50 },
      ],
      forecast,
      90,
    );

    expect(x).toEqual([60, 120, 180]);
    expect(samples).toEqual([40, 50, null]);
    expect(line).toEqual([null, 50, 60]);
    expect(lo).toEqual([null, 50, 55]);
    expect(hi).toEqual([null, 50, 65]);
    expect(threshold).toEqual([90, 90, 90]);
  });
});

describe('chartColumns with a long forecast horizon', () => {
  it('shows as much future as past (at least 10 min), however far the forecast reaches', () => {
    const minute = 60_000;
    const points = [20, 40, 120].map((m) => ({
      ts: new Date(30 * minute + m * minute).toISOString(),
      value: 50,
      lo: 40,
      hi: 60,
    }));
    const forecast = toForecastSummary(forecastOf(new Date(30 * minute).toISOString(), points));
    const samples = [0, 30].map((m) => ({ ts: m * minute, value: 50 }));

    const [x] = chartColumns(samples, forecast, 90);

    expect(x.map((s) => s / 60)).toEqual([0, 30, 50]);
  });
});
