import { describe, expect, it } from 'vitest';
import { windowOf } from '../sample-window';
import { theilSenModel } from './theil-sen.model';

describe('theilSenModel', () => {
  it('keeps the slope of a clean line when a long window (fast polls) is thinned', () => {
    const samples = Array.from({ length: 288 }, (_, i) => ({ t: i * 1000, value: 20 + i * 0.05 }));
    const fitted = theilSenModel.fit(windowOf(samples));
    // 0.05 per second is 3 per minute; a minute after the newest sample (34.35) comes 37.35.
    expect(fitted?.slopePerMin).toBeCloseTo(3, 6);
    expect(fitted?.predict(287_000 + 60_000).value).toBeCloseTo(37.35, 6);
  });

  it('is not tilted by one spike', () => {
    const samples = Array.from({ length: 12 }, (_, i) => ({ t: i * 300_000, value: i === 6 ? 95 : 40 }));
    expect(theilSenModel.fit(windowOf(samples))?.slopePerMin).toBeCloseTo(0, 6);
  });
});
