import { describe, expect, it } from 'vitest';
import { ForecastUpdated } from '@autoscale/contracts';
import { createSeriesForecaster } from '@autoscale/forecasting';
import { fromForecastEvent, toForecastEvent } from './forecast-wire';

const T0 = Date.UTC(2026, 2, 1, 0, 0);

function rampForecast() {
  const series = createSeriesForecaster({});
  for (let i = 0; i < 40; i++) series.add({ t: T0 + i * 5 * 60_000, value: 20 + i * 1.5 });
  return series.forecast(90)!;
}

describe('toForecastEvent', () => {
  it('writes a forecast the contract accepts, with the breach as breachAt and interval', () => {
    const event = toForecastEvent('web.01', 'cpu', rampForecast());
    expect(ForecastUpdated.parse(event)).toEqual(event);
    expect(event.breachAt).not.toBeNull();
    expect(event.generatedAt).toBe(new Date(T0 + 39 * 5 * 60_000).toISOString());
  });
});

describe('fromForecastEvent', () => {
  it('reads back what toForecastEvent wrote, to wire precision', () => {
    const event = toForecastEvent('web.01', 'cpu', rampForecast());
    expect(toForecastEvent('web.01', 'cpu', fromForecastEvent(event))).toEqual(event);
  });

  it('gives no breach for an event without breachAt and interval', () => {
    const event = {
      ...toForecastEvent('web.01', 'cpu', rampForecast()),
      breachAt: null,
      breachInMin: null,
      interval: null,
    };
    expect(fromForecastEvent(event).breach).toBeNull();
  });
});
