import { describe, expect, it } from 'vitest';
import { mergeResourceSeries, toPercent } from './series-merge';

const M = 60_000;

describe('mergeResourceSeries', () => {
  it('joins CPU and memory of the same timestamp into one sample', () => {
    const samples = mergeResourceSeries(
      'r',
      new Map([
        [0, 10],
        [M, 11],
      ]),
      new Map([
        [0, 50],
        [M, 51],
      ]),
    );
    expect(samples.map((s) => s.metrics)).toEqual([
      { cpu: 10, mem: 50 },
      { cpu: 11, mem: 51 },
    ]);
  });

  it('holds back the newest point while the other metric has not reached it yet', () => {
    const samples = mergeResourceSeries(
      'r',
      new Map([
        [0, 10],
        [M, 11],
      ]),
      new Map([[0, 50]]),
    );
    expect(samples.map((s) => s.ts.getTime())).toEqual([0]);
  });

  it('publishes a point one metric skipped once that metric has moved past it', () => {
    const samples = mergeResourceSeries(
      'r',
      new Map([
        [0, 10],
        [M, 11],
        [2 * M, 12],
      ]),
      new Map([
        [0, 50],
        [2 * M, 52],
      ]),
    );
    expect(samples.map((s) => s.metrics)).toEqual([{ cpu: 10, mem: 50 }, { cpu: 11 }, { cpu: 12, mem: 52 }]);
  });

  it('publishes CPU alone when the resource has no memory metric at all', () => {
    const samples = mergeResourceSeries(
      'r',
      new Map([
        [0, 10],
        [M, 11],
      ]),
      new Map(),
    );
    expect(samples.map((s) => s.metrics)).toEqual([{ cpu: 10 }, { cpu: 11 }]);
  });
});

describe('toPercent', () => {
  it('clamps to 0–100, rounds to two decimals and drops non-numbers', () => {
    expect(toPercent(100.0004)).toBe(100);
    expect(toPercent(-0.1)).toBe(0);
    expect(toPercent(42.4251)).toBe(42.43);
    expect(toPercent(Number.NaN)).toBeUndefined();
  });
});
