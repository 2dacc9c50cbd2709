import { describe, expect, it } from 'vitest';
import { decodeAbsError, encodeAbsError } from './abs-error-code';
import { calibrated } from './calibration';
import type { FittedModel } from './models/model';

const HORIZONS = [15, 30, 60];
const flat: FittedModel = {
  name: 'flat',
  slopePerMin: 0,
  predict: () => ({ value: 50, lo80: 50, hi80: 50, lo95: 50, hi95: 50 }),
};

/** The q-quantile of the absolute errors as held (rounded up to their codes), read off a fully sorted copy. */
function sortedQuantile(errors: readonly number[], q: number) {
  const s = errors.map((e) => decodeAbsError(encodeAbsError(Math.abs(e)))).sort((a, b) => a - b);
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
  it('gives at each tracked horizon the 80 % and 95 % quantiles of the absolute errors as held, ties included', () => {
    for (let seed = 0; seed < 200; seed++) {
      const n = 24 + (seed % 121);
      const errors = HORIZONS.map((_, k) => errorsOf(seed * 3 + k, n, seed % 2 === 0));
      const codes = errors.map((e) => Uint16Array.from(e, (x) => encodeAbsError(Math.abs(x))));
      const fitted = calibrated(flat, 0, HORIZONS, codes, 24);
      HORIZONS.forEach((h, k) => {
        const p = fitted.predict(h * 60_000);
        expect(p.hi80).toBe(50 + sortedQuantile(errors[k]!, 0.8));
        expect(p.hi95).toBe(50 + sortedQuantile(errors[k]!, 0.95));
      });
    }
  });

  it('keeps the model’s own interval while a horizon has fewer errors than needed', () => {
    const fitted = calibrated(
      flat,
      0,
      HORIZONS,
      HORIZONS.map(() => Uint16Array.of(1, 2, 3)),
      24,
    );
    expect(fitted.predict(15 * 60_000).hi80).toBe(50);
  });

  it('never narrows an interval below the errors it was calibrated on: an outcome exactly on a bound stays inside', () => {
    // Recorded values repeat, so an outcome can sit exactly at the 80 % quantile of past errors.
    const errors = HORIZONS.map(() => Array.from({ length: 144 }, (_, i) => [0.1, 0.3, 0.7, 1.3][i % 4]!));
    const codes = errors.map((e) => Uint16Array.from(e, encodeAbsError));
    const fitted = calibrated(flat, 0, HORIZONS, codes, 24);
    expect(fitted.predict(15 * 60_000).hi80).toBeGreaterThanOrEqual(50 + 1.3);
    expect(fitted.predict(15 * 60_000).hi80).toBeLessThan(50 + 1.3 * 1.0005);
  });
});
