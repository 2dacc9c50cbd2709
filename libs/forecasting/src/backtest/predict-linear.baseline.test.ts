import { describe, expect, it } from 'vitest';
import { predictLinearNotifications } from './predict-linear.baseline';

const MIN = 60_000;

describe('predict_linear baseline', () => {
  it('notifies once on the rising edge of a ramp, not on every sample', () => {
    const samples = Array.from({ length: 40 }, (_, i) => ({ t: i * 5 * MIN, value: 20 + i * 2 }));
    const out = predictLinearNotifications(samples, { windowMin: 30, threshold: 90, lookaheadMin: 60 });
    expect(out).toHaveLength(1);
    expect(out[0]!.kind).toBe('forecast');
    expect(out[0]!.model).toBe('predict_linear:30m');
  });

  it('stays silent on a flat series', () => {
    const samples = Array.from({ length: 40 }, (_, i) => ({ t: i * 5 * MIN, value: 50 }));
    expect(predictLinearNotifications(samples, { windowMin: 60, threshold: 90, lookaheadMin: 60 })).toEqual([]);
  });
});
