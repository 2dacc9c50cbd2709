import { describe, expect, it } from 'vitest';
import { memberOutlook } from './member-outlook';

const min = 60_000;
const forecast = {
  t: 0,
  current: 50,
  points: [
    { t: 5 * min, value: 60, lo: 50, hi: 70 },
    { t: 10 * min, value: 70, lo: 55, hi: 85 },
  ],
  breachProbability: [
    { withinMin: 15, p: 0.3 },
    { withinMin: 60, p: 0.6 },
  ],
};

describe('memberOutlook', () => {
  it('reads the central value and upper bound at the lead time, interpolated between points', () => {
    expect(memberOutlook(forecast, 5)).toEqual({ t: 0, current: 50, expected: 60, upper: 70, breachProbability: 0.3 });
    expect(memberOutlook(forecast, 7.5)).toMatchObject({ expected: 65, upper: 77.5 });
  });

  it('interpolates from the current value before the first point and keeps the last beyond the horizon', () => {
    expect(memberOutlook(forecast, 2.5)).toMatchObject({ expected: 55, upper: 60 });
    expect(memberOutlook(forecast, 30)).toMatchObject({ expected: 70, upper: 85, breachProbability: 0.6 });
  });

  it('has no probability for a forecast without one', () => {
    expect(memberOutlook({ ...forecast, breachProbability: undefined }, 5).breachProbability).toBeNull();
  });
});
