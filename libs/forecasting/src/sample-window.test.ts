import { describe, expect, it } from 'vitest';
import { SampleRing } from './sample-window';

const MIN = 60_000;

describe('SampleRing', () => {
  it('keeps the newest samples, oldest first, and gives the ones since a time in place', () => {
    const ring = new SampleRing(4);
    for (let i = 0; i < 6; i++) ring.push({ t: i * 5 * MIN, value: 10 + i });
    expect(Array.from({ length: ring.length }, (_, i) => ring.value(i))).toEqual([12, 13, 14, 15]);
    expect(ring.last()).toEqual({ t: 25 * MIN, value: 15 });
    const recent = ring.since(20 * MIN);
    expect([recent.length, recent.t(0), recent.value(0), recent.value(1)]).toEqual([2, 20 * MIN, 14, 15]);
  });

  it('has no newest sample while empty', () => {
    expect(new SampleRing(3).last()).toBeNull();
  });
});
