import { describe, expect, it } from 'vitest';
import { createErrorTracker } from './error-tracker';
import type { FittedModel } from './models/model';

const MIN = 60_000;
const OPTIONS = { horizonsMin: [15, 30, 60], memory: 144, recordEveryMin: 5, toleranceMin: 2.5 };

/** A model whose forecasts miss every sample by `bias`. */
const biased = (bias: number): FittedModel => ({
  name: 'biased',
  slopePerMin: 0,
  predict: (t) => ({ value: t / MIN + bias, lo80: 0, hi80: 0, lo95: 0, hi95: 0 }),
});

describe('error tracker', () => {
  it('settles every forecast of a day of 5-minute samples and keeps the last 144 per horizon', () => {
    const errors = createErrorTracker(['a', 'b'], OPTIONS);
    for (let i = 0; i < 288; i++) {
      const t = i * 5 * MIN;
      errors.observe({ t, value: t / MIN });
      errors.record('a', t, biased(2));
      errors.record('b', t, biased(i < 200 ? 100 : -1));
    }
    expect(errors.errorsOf('a').map((e) => e.length)).toEqual([144, 144, 144]);
    expect(errors.meanAbsError('a', 144)).toBe(2);
    // b's last 144 errors at 15 / 30 / 60 minutes are of forecasts made at samples 141–284,
    // 138–281, 132–275: 59, 62 and 68 of them before sample 200 (off by 100), the rest off by 1.
    expect(errors.meanAbsError('b', 144)).toBeCloseTo(((59 + 62 + 68) * 100 + (85 + 82 + 76)) / 432, 9);
  });

  it('knows no error before enough forecasts came due', () => {
    const errors = createErrorTracker(['a'], OPTIONS);
    errors.record('a', 0, biased(1));
    errors.observe({ t: 15 * MIN, value: 15 });
    expect(errors.errorsOf('a').map((e) => e.length)).toEqual([1, 0, 0]);
    expect(errors.meanAbsError('a', 1)).toBeNull();
  });
});
