import { describe, expect, it } from 'vitest';
import { planSampleRing, SampleRing } from './sample-window';
import { Slab, SlabPlan } from './slab';

const MIN = 60_000;
const DAY = 1440 * MIN;

function ring(capacity: number): SampleRing {
  const plan = new SlabPlan();
  const shape = planSampleRing(plan, capacity);
  return new SampleRing(shape, new Slab(plan));
}

const contents = (r: SampleRing) => Array.from({ length: r.length }, (_, i) => ({ t: r.t(i), value: r.value(i) }));

describe('SampleRing', () => {
  it('keeps the newest samples, oldest first, and gives the ones since a time in place', () => {
    const r = ring(4);
    for (let i = 0; i < 6; i++) r.push({ t: i * 5 * MIN, value: 10 + i });
    expect(Array.from({ length: r.length }, (_, i) => r.value(i))).toEqual([12, 13, 14, 15]);
    expect(r.last()).toEqual({ t: 25 * MIN, value: 15 });
    const recent = r.since(20 * MIN);
    expect([recent.length, recent.t(0), recent.value(0), recent.value(1)]).toEqual([2, 20 * MIN, 14, 15]);
  });

  it('has no newest sample while empty', () => {
    expect(ring(3).last()).toBeNull();
  });

  it('keeps times to the millisecond, and the newest value as it came', () => {
    const r = ring(3);
    const t0 = Date.UTC(2026, 11, 6, 12, 0, 0, 123);
    r.push({ t: t0, value: 42.3 });
    r.push({ t: t0 + 300_007, value: 42.3 });
    expect([r.t(0), r.t(1)]).toEqual([t0, t0 + 300_007]);
    expect(r.last()).toEqual({ t: t0 + 300_007, value: 42.3 });
    // The window itself holds Float32: within 6e-8 of the value.
    expect(Math.abs(r.value(0) - 42.3)).toBeLessThan(42.3 * 6e-8);
  });

  it('keeps exact times across months, and drops samples older than 49 days from the newest', () => {
    const r = ring(4);
    const t0 = Date.UTC(2026, 0, 1);
    const times = [t0, t0 + 30 * DAY, t0 + 60 * DAY + 1, t0 + 61 * DAY + 2];
    for (const t of times) r.push({ t, value: 1 });
    // The first sample is 61 days older than the newest: past what 32-bit milliseconds hold.
    expect(contents(r).map((s) => s.t)).toEqual(times.slice(1));
  });
});
