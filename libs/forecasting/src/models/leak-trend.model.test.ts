import { describe, expect, it } from 'vitest';
import type { Sample } from '../types';
import { windowOf } from '../sample-window';
import { leakTrendModel } from './leak-trend.model';

const MIN = 60_000;
const STEP_MIN = 5;

/** Deterministic noise in [-0.5, 0.5) so tests never flake. */
function noise(i: number): number {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

/** A GC sawtooth: the heap grows `amplitude` points over `periodMin`, then a collection drops it. */
const saw = (min: number, periodMin = 30, amplitude = 5) => amplitude * ((min % periodMin) / periodMin);

/** `floor(min)` plus the sawtooth plus ±0.5 of noise, every 5 minutes for `hours`. */
function series(hours: number, floor: (min: number) => number): Sample[] {
  return Array.from({ length: (hours * 60) / STEP_MIN + 1 }, (_, i) => {
    const min = i * STEP_MIN;
    return { t: min * MIN, value: floor(min) + saw(min) + noise(i) };
  });
}

/** Fits at every sample from the first hour on; returns whether any fit was made. */
const everFits = (samples: readonly Sample[]) =>
  samples.some((_, i) => i >= 12 && leakTrendModel().fit(windowOf(samples.slice(0, i + 1))) !== null);

describe('leak-trend model', () => {
  it('forecasts where the peaks of a linear leak will be an hour ahead, within 1.5 points', () => {
    const floor = (min: number) => 35 + (5 * min) / 60; // 5 points an hour
    const samples = series(8, floor);
    const fitted = leakTrendModel().fit(windowOf(samples))!;
    expect(fitted.name).toBe('leak-trend');
    const now = samples[samples.length - 1]!.t;
    // The top of the cycle held for two polls: the floor plus the amplitude less one 5-minute step.
    const peaksThen = floor(8 * 60 + 60) + saw(20);
    expect(Math.abs(fitted.predict(now + 60 * MIN).value - peaksThen)).toBeLessThan(1.5);
    expect(Math.abs(fitted.slopePerMin / (5 / 60) - 1)).toBeLessThan(0.15);
  });

  it('bends upwards with an accelerating leak instead of lagging behind it', () => {
    const floor = (min: number) => 30 + 50 * (min / 600) ** 2; // 30 → 80 over 10 hours, faster and faster
    const samples = series(9, floor);
    const fitted = leakTrendModel().fit(windowOf(samples))!;
    const now = samples[samples.length - 1]!.t;
    // The slope now, not the five hours' average (0.108 a minute): a line would lag 3 points in an hour.
    expect(Math.abs(fitted.slopePerMin / 0.15 - 1)).toBeLessThan(0.1);
    expect(Math.abs(fitted.predict(now + 60 * MIN).value - (floor(10 * 60) + saw(20)))).toBeLessThan(2);
  });

  it('calls nothing a leak on a plateau, a flat noisy series or a three-hour start-up fill', () => {
    expect(everFits(series(12, () => 60))).toBe(false);
    const noisy = Array.from({ length: 288 }, (_, i) => ({ t: i * STEP_MIN * MIN, value: 50 + 30 * noise(i) }));
    expect(everFits(noisy)).toBe(false);
    // Restart at 0, fill 25 → 65 % over 3 hours, then the plateau (the suite's slowest fill).
    expect(everFits(series(10, (min) => 25 + 40 * Math.min(1, min / 180)))).toBe(false);
  });

  it('waits for five rising hours: a leak that started four and a half hours ago is not one yet', () => {
    const leakFrom = (startMin: number) => (min: number) => 35 + (5 * Math.max(0, min - startMin)) / 60;
    expect(leakTrendModel().fit(windowOf(series(11, leakFrom(11 * 60 - 270))))).toBeNull();
    expect(leakTrendModel().fit(windowOf(series(11, leakFrom(11 * 60 - 330))))).not.toBeNull();
  });
});
