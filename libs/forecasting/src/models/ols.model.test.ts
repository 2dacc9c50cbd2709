import { describe, expect, it } from 'vitest';
import { saturationWindow } from '../saturation';
import { windowOf } from '../sample-window';
import { olsModel } from './ols.model';

const MIN = 60_000;
const line = (n: number, slopePerMin: number, noise = (_: number) => 0) =>
  windowOf(Array.from({ length: n }, (_, i) => ({ t: i * 5 * MIN, value: 40 + slopePerMin * 5 * i + noise(i) })));

describe('olsModel (the predict_linear baseline)', () => {
  it('recovers slope and level of a clean line, with a zero-width interval', () => {
    const fitted = olsModel.fit(line(12, 0.5))!;
    expect(fitted.slopePerMin).toBeCloseTo(0.5, 9);
    const in30 = fitted.predict(11 * 5 * MIN + 30 * MIN);
    expect(in30.value).toBeCloseTo(40 + 0.5 * 55 + 15, 9);
    expect(in30.hi80 - in30.lo80).toBeCloseTo(0, 9);
  });

  it('widens its interval with noise and with distance, 95 % wider than 80 %', () => {
    const fitted = olsModel.fit(line(12, 0.2, (i) => (i % 2 === 0 ? 3 : -3)))!;
    const last = 11 * 5 * MIN;
    const near = fitted.predict(last + 5 * MIN);
    const far = fitted.predict(last + 120 * MIN);
    expect(near.hi80 - near.lo80).toBeGreaterThan(0);
    expect(far.hi80 - far.lo80).toBeGreaterThan(near.hi80 - near.lo80);
    expect(far.hi95 - far.lo95).toBeGreaterThan(far.hi80 - far.lo80);
  });

  it('needs two samples', () => {
    expect(olsModel.fit(line(1, 1))).toBeNull();
  });

  it('gives a breach window whose bounds bracket the point crossing for a noisy ramp', () => {
    const fitted = olsModel.fit(line(12, 0.5, (i) => (i % 2 === 0 ? 2 : -2)))!;
    const from = 11 * 5 * MIN;
    const window = saturationWindow(fitted, from, 90, { horizonMin: 120, stepMin: 1 })!;
    // The line is at 67.5 and climbs 0.5 a minute: it reaches 90 about 45 minutes ahead.
    expect((window.likely! - from) / MIN).toBeCloseTo(45, -1);
    expect(window.earliest!).toBeLessThanOrEqual(window.likely!);
    expect(window.latest!).toBeGreaterThanOrEqual(window.likely!);
  });

  it('forecasts no breach for a flat series', () => {
    const fitted = olsModel.fit(line(12, 0, (i) => (i % 2 === 0 ? 1 : -1)))!;
    expect(saturationWindow(fitted, 11 * 5 * MIN, 90, { horizonMin: 120, stepMin: 1 })).toBeNull();
  });
});
