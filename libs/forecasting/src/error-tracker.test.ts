import { describe, expect, it } from 'vitest';
import { decodeAbsError, encodeAbsError } from './abs-error-code';
import { ErrorTracker, planErrorTracker } from './error-tracker';
import type { FittedModel } from './models/model';
import { Slab, SlabPlan } from './slab';

const MIN = 60_000;
const OPTIONS = { horizonsMin: [15, 30, 60], memory: 144, recordEveryMin: 5, toleranceMin: 2.5 };

function tracker(models: number): ErrorTracker {
  const plan = new SlabPlan();
  const shape = planErrorTracker(plan, models, OPTIONS);
  return new ErrorTracker(shape, new Slab(plan));
}

/** A model whose forecasts miss every sample by `bias`. */
const biased = (bias: number): FittedModel => ({
  name: 'biased',
  slopePerMin: 0,
  predict: (t) => ({ value: t / MIN + bias, lo80: 0, hi80: 0, lo95: 0, hi95: 0 }),
});

/** What an error is held as. */
const held = (abs: number) => decodeAbsError(encodeAbsError(abs));

describe('error tracker', () => {
  it('settles every forecast of a day of 5-minute samples and keeps the last 144 per horizon', () => {
    const errors = tracker(2);
    for (let i = 0; i < 288; i++) {
      const t = i * 5 * MIN;
      errors.observe({ t, value: t / MIN });
      errors.record(0, t, biased(2));
      errors.record(1, t, biased(i < 200 ? 100 : -1));
    }
    expect(errors.codesOf(0).map((e) => e.length)).toEqual([144, 144, 144]);
    expect(errors.meanAbsError(0, 144)).toBeCloseTo(held(2), 12);
    // b's last 144 errors at 15 / 30 / 60 minutes are of forecasts made at samples 141–284,
    // 138–281, 132–275: 59, 62 and 68 of them before sample 200 (off by 100), the rest off by 1.
    expect(errors.meanAbsError(1, 144)).toBeCloseTo(((59 + 62 + 68) * held(100) + (85 + 82 + 76) * held(1)) / 432, 9);
  });

  it('knows no error before enough forecasts came due', () => {
    const errors = tracker(1);
    errors.record(0, 0, biased(1));
    errors.observe({ t: 15 * MIN, value: 15 });
    expect(errors.codesOf(0).map((e) => e.length)).toEqual([1, 0, 0]);
    expect(errors.meanAbsError(0, 1)).toBeNull();
  });

  it('settles forecasts made weeks apart (the pending times move their base)', () => {
    const errors = tracker(1);
    const start = Date.UTC(2026, 0, 1);
    const flat: FittedModel = {
      name: 'flat',
      slopePerMin: 0,
      predict: () => ({ value: 53, lo80: 0, hi80: 0, lo95: 0, hi95: 0 }),
    };
    for (let day = 0; day < 40; day++) {
      const t = start + day * 1440 * MIN;
      errors.record(0, t, flat);
      for (const h of [15, 30, 60]) errors.observe({ t: t + h * MIN, value: 50 });
    }
    expect(errors.codesOf(0).map((e) => e.length)).toEqual([40, 40, 40]);
    expect(errors.meanAbsError(0, 40)).toBeCloseTo(held(3), 12);
  });
});

describe('absolute error codes', () => {
  it('never hold an error below what it was, and at most 0.05 % above', () => {
    for (let i = 0; i < 4_000; i++) {
      const abs = 10 ** (-5.9 + (11.7 * i) / 4_000) * (1 + Math.abs(Math.sin(i)) * 0.3);
      const back = held(abs);
      expect(back).toBeGreaterThanOrEqual(abs);
      expect(back / abs).toBeLessThan(1.0005);
    }
    expect(held(0)).toBe(0);
  });

  it('order as the errors they stand for', () => {
    const errors = [0, 1e-7, 0.01, 0.5, 0.5001, 3, 80, 99.9];
    const codes = errors.map(encodeAbsError);
    expect([...codes].sort((a, b) => a - b)).toEqual(codes);
  });
});
