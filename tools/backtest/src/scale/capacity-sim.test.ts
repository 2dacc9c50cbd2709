import { describe, expect, it } from 'vitest';
import { simulate } from './capacity-sim';
import { reactivePolicy } from './reactive.policy';
import type { PolicyOptions } from './scale-policy';

const MIN = 60_000;
const opts: PolicyOptions = { targetUtilization: 60, leadMin: 10, threshold: 90, minCapacity: 1, maxCapacity: 100 };
/** 5-minute samples: an hour at 50 %, then an hour at 95 % of the recorded capacity. */
const step = Array.from({ length: 24 }, (_, i) => ({ t: i * 5 * MIN, value: i < 12 ? 50 : 95 }));

describe('simulate', () => {
  it('scores a group that never scales by the recorded series itself', () => {
    const none = { name: 'none', desired: (o: { capacity: number }) => o.capacity };
    // 12 samples at 95 %, the last one standing for no time.
    expect(simulate(step, none, { baseCapacity: 10, leadMin: 10, threshold: 90 })).toEqual({
      saturatedMinutes: 55,
      capacityHours: 115 / 6,
      decisions: 0,
    });
  });

  it('brings capacity only after the lead time: the reactive rule saturates for the lead after the step', () => {
    const r = simulate(step, reactivePolicy(opts), { baseCapacity: 10, leadMin: 10, threshold: 90 });
    // The step is seen at 60 min; capacity for it arrives at 70 min: 60 and 65 saturated.
    expect(r.saturatedMinutes).toBe(10);
    expect(r.decisions).toBeGreaterThan(0);
  });
});

describe('reactivePolicy', () => {
  it("is the HPA's rule: ceil(capacity × utilisation ÷ target), nothing within 10 %, scale-in held 5 minutes", () => {
    const hpa = reactivePolicy(opts);
    expect(hpa.desired({ t: 0, utilization: 90, capacity: 4, demand: 3.6 })).toBe(6);
    expect(hpa.desired({ t: 60_000, utilization: 64, capacity: 6, demand: 3.84 })).toBe(6);
    // 30 % on 6 wants 3, but 6 was asked within the last 5 minutes.
    expect(hpa.desired({ t: 2 * 60_000, utilization: 30, capacity: 6, demand: 1.8 })).toBe(6);
    expect(hpa.desired({ t: 10 * 60_000, utilization: 30, capacity: 6, demand: 1.8 })).toBe(3);
  });
});
