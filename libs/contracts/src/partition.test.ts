import { describe, expect, it } from 'vitest';
import { partitionOf } from './partition';

describe('partitionOf', () => {
  it('is FNV-1a of the UTF-8 bytes modulo the count (pinned: subjects in streams depend on it)', () => {
    // FNV-1a 32 of "a" is 0xe40c292c, of "" the offset basis 0x811c9dc5.
    expect(partitionOf('a', 1000)).toBe(0xe40c292c % 1000);
    expect(partitionOf('', 7)).toBe(0x811c9dc5 % 7);
    expect(partitionOf('é', 0x10000)).toBe(partitionOf('é', 0x10000));
  });

  it('puts every id in 0..partitions−1 and spreads many ids over all partitions', () => {
    const counts = new Array<number>(8).fill(0);
    for (let i = 0; i < 8000; i++) counts[partitionOf(`i-${i.toString(16)}`, 8)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });

  it('puts everything in partition 0 when there is one partition', () => {
    expect(partitionOf('web-01', 1)).toBe(0);
  });
});
