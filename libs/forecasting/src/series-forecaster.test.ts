import { describe, expect, it } from 'vitest';
import { createSeriesForecaster } from './series-forecaster';
import { replaySeries } from './backtest/replay';
import type { SeriesForecast } from './types';

const MIN = 60_000;

/** Deterministic noise so tests never flake. */
function noise(i: number): number {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

describe('series forecaster', () => {
  it('gives a clean ramp a breach window with earliest ≤ likely ≤ latest', () => {
    const f = createSeriesForecaster();
    for (let i = 0; i < 15; i++) f.add({ t: i * 5 * MIN, value: 30 + i * 4 + noise(i) });
    const fc = f.forecast(90);
    expect(fc).not.toBeNull();
    const b = fc!.breach!;
    expect(b.earliest).not.toBeNull();
    expect(b.likely).not.toBeNull();
    expect(b.earliest!).toBeLessThanOrEqual(b.likely!);
    if (b.latest !== null) expect(b.likely!).toBeLessThanOrEqual(b.latest);
  });

  it('forecasts no crossing for a flat series far below the threshold', () => {
    const f = createSeriesForecaster();
    for (let i = 0; i < 100; i++) f.add({ t: i * 5 * MIN, value: 40 + 4 * noise(i) });
    expect(f.forecast(90)!.breach).toBeNull();
  });

  it('ignores samples not newer than the newest one (replays are harmless)', () => {
    const f = createSeriesForecaster();
    expect(f.add({ t: 10, value: 1 })).toBe(true);
    expect(f.add({ t: 10, value: 2 })).toBe(false);
    expect(f.size()).toBe(1);
  });

  it('keeps its window bounded', () => {
    const f = createSeriesForecaster();
    for (let i = 0; i < 1000; i++) f.add({ t: i * 5 * MIN, value: 50 });
    expect(f.size()).toBe(288);
  });

  it('does not flap on a noisy series hovering just under the threshold', () => {
    const samples = Array.from({ length: 600 }, (_, i) => ({ t: i * 5 * MIN, value: 84 + 6 * noise(i) }));
    const notes = replaySeries(samples, { threshold: 90 });
    expect(notes.filter((n) => n.kind === 'forecast').length).toBeLessThanOrEqual(3);
  });

  it('never warns on a noisy flat series well under the threshold, not even while warming up', () => {
    const samples = Array.from({ length: 864 }, (_, i) => ({ t: i * 5 * MIN, value: 55 + 20 * noise(i) }));
    expect(replaySeries(samples, { threshold: 90 })).toEqual([]);
  });

  it('warns before a recurring hourly saturation comes back', () => {
    const samples = Array.from({ length: 400 }, (_, i) => {
      const phase = i % 12;
      return { t: i * 5 * MIN, value: phase === 1 || phase === 2 ? 97 : 35 + 3 * noise(i) };
    });
    const notes = replaySeries(samples, { threshold: 90 });
    const forecasts = notes.filter((n) => n.kind === 'forecast' && n.current < 90);
    expect(forecasts.length).toBeGreaterThan(0);
    expect(forecasts.some((n) => n.model === 'seasonal-hourly')).toBe(true);
  });

  it('forecasts a business-day ramp from the days before once two days of history exist', () => {
    // 30 % at night, ramping to 85 % between 08:00 and 10:00, down again 17:00–19:00.
    const level = (min: number) => {
      const h = (min % 1440) / 60;
      if (h < 8 || h >= 19) return 30;
      if (h < 10) return 30 + 27.5 * (h - 8);
      return h < 17 ? 85 : 85 - 27.5 * (h - 17);
    };
    const f = createSeriesForecaster();
    const models = new Set<string>();
    let atRamp: { model: string; in60: number } | null = null;
    for (let i = 0; i < 288 * 5; i++) {
      f.add({ t: i * 5 * MIN, value: level(i * 5) + 4 * noise(i) });
      const fc = f.forecast(90);
      if (i < 288 * 2 && fc) models.add(fc.model);
      // Day 5, 08:30: halfway up the ramp; an hour later the level is 71.
      if (i === 288 * 4 + 102 && fc) atRamp = { model: fc.model, in60: fc.points[5]!.value };
    }
    expect(models.has('seasonal-daily')).toBe(false);
    expect(atRamp!.model).toBe('seasonal-daily');
    expect(atRamp!.in60).toBeGreaterThan(65);
  });

  it("publishes a leak's forecast while its peaks reach the threshold within the horizon", () => {
    // A leak of 5 points an hour under a 30-minute GC sawtooth (5 points): the peaks held for
    // two polls reach 80 % at about 8 h 25 min (505 min).
    const leak = (i: number) => ({
      t: i * 5 * MIN,
      value: 35 + (5 * i * 5) / 60 + 5 * (((i * 5) % 30) / 30) + noise(i),
    });
    const on = createSeriesForecaster();
    const off = createSeriesForecaster({ leakTrend: false });
    const hourBefore: { on: SeriesForecast; off: SeriesForecast }[] = [];
    for (let i = 0; i <= 96; i++) {
      on.add(leak(i));
      off.add(leak(i));
      if (i * 5 >= 455) hourBefore.push({ on: on.forecast(80)!, off: off.forecast(80)! });
    }
    const p60 = (f: SeriesForecast) => f.breachProbability!.find((p) => p.withinMin === 60)!.p;
    // From 50 minutes before the peaks cross, every forecast is the leak's and sure of it…
    expect(hourBefore.every(({ on }) => on.model === 'leak-trend' && p60(on) > 0.8)).toBe(true);
    // …where the error-ranked model swings with the cycle and the learned map gives it little.
    expect(hourBefore.every(({ off }) => off.model !== 'leak-trend' && p60(off) < 0.15)).toBe(true);
    // 95 % is three hours beyond the horizon: nothing for the leak to add.
    expect(on.forecast(95)!.model).not.toBe('leak-trend');
  });

  it('forecasts the same whether or not other series were added to between its sample and its forecast', () => {
    const alone = createSeriesForecaster();
    const busy = createSeriesForecaster();
    const others = Array.from({ length: 12 }, () => createSeriesForecaster());
    for (let i = 0; i < 700; i++) {
      const sample = { t: i * 5 * MIN, value: 60 + 25 * Math.sin(i / 15) + 4 * noise(i) };
      alone.add(sample);
      const expected = { forecast: alone.forecast(90), in30: alone.predict(sample.t + 30 * MIN) };
      busy.add(sample);
      // Enough other series to push `busy` out of the fits kept between add and forecast.
      for (const other of others) other.add({ t: sample.t, value: 30 + noise(i) });
      expect({ forecast: busy.forecast(90), in30: busy.predict(sample.t + 30 * MIN) }).toEqual(expected);
    }
  });
});
