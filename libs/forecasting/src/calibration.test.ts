import { describe, expect, it } from 'vitest';
import { calibrated } from './calibration';
import type { FittedModel } from './models/model';

const HORIZONS = [15, 30, 60];
const flat: FittedModel = { name: 'flat', slopePerMin: 0, predict: () => ({ value: 50, lo80: 50, hi80: 50, lo95: 50, hi95: 50 }) };

/** The q-quantile of the absolute errors, read off a fully sorted copy. */
function sortedQuantile(errors: readonly number[], q: number) {
  const s = errors.map(Math.abs).sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo]! + (s[Math.ceil(pos)]! - s[lo]!) * (pos - lo);
}

/** A deterministic spread of errors; `ties` rounds them to half points, as recorded data repeats. */
function errorsOf(seed: number, n: number, ties: boolean) {
  return Array.from({ length: n }, (_, i) => {
    const x = Math.sin(seed * 997 + i * 7919) * 10;
    return ties ? Math.round(x * 2) / 2 : x;
  });
}

describe('calibrated', () => {
  it('gives at each tracked horizon the 80 % and 95 % quantiles of the absolute errors, ties included', () => {
    for (let seed = 0; seed < 200; seed++) {
      const n = 24 + (seed % 121);
      const errors = HORIZONS.map((_, k) => errorsOf(seed * 3 + k, n, seed % 2 === 0));
      const fitted = calibrated(flat, 0, HORIZONS, errors.map((e) => Float64Array.from(e)), 24);
      HORIZONS.forEach((h, k) => {
        const p = fitted.predict(h * 60_000);
        expect(p.hi80).toBe(50 + sortedQuantile(errors[k]!, 0.8));
        expect(p.hi95).toBe(50 + sortedQuantile(errors[k]!, 0.95));
      });
    }
  });

  it('keeps the model’s own interval while a horizon has fewer errors than needed', () => {
    const fitted = calibrated(flat, 0, HORIZONS, HORIZONS.map(() => [1, 2, 3]), 24);
    expect(fitted.predict(15 * 60_000).hi80).toBe(50);
  });
});
