import { describe, expect, it } from 'vitest';
import { RingSet } from './ring-set';

const contents = (rings: RingSet, r: number) => Array.from({ length: rings.length(r) }, (_, i) => rings.at(r, i));

describe('RingSet', () => {
  it('keeps the newest numbers of each ring, oldest first, dropping the oldest when full', () => {
    const rings = new RingSet([3, 2]);
    for (const v of [1, 2, 3, 4, 5]) rings.push(0, v);
    rings.push(1, 10);
    expect(contents(rings, 0)).toEqual([3, 4, 5]);
    expect(contents(rings, 1)).toEqual([10]);
  });

  it('shifts oldest first across the wrap, and nothing from an empty ring', () => {
    const rings = new RingSet([3]);
    for (const v of [1, 2, 3, 4]) rings.push(0, v);
    expect([rings.shift(0), rings.shift(0)]).toEqual([2, 3]);
    rings.push(0, 5);
    rings.push(0, 6);
    expect(contents(rings, 0)).toEqual([4, 5, 6]);
    expect([rings.shift(0), rings.shift(0), rings.shift(0), rings.shift(0)]).toEqual([4, 5, 6, undefined]);
  });

  it('hands out the numbers of a ring in any order, whatever was shifted', () => {
    const rings = new RingSet([4, 4]);
    for (const v of [1, 2, 3, 4, 5, 6]) rings.push(0, v);
    for (const v of [7, 8, 9]) rings.push(1, v);
    rings.shift(1);
    expect([...Array.from(rings.unordered(0))].sort()).toEqual([3, 4, 5, 6]);
    expect([...Array.from(rings.unordered(1))].sort()).toEqual([8, 9]);
  });
});
