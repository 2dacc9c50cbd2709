import type { Sample } from '@autoscale/forecasting';
import { MS_PER_MIN } from '@autoscale/time-units';
import type { ScalePolicy } from './scale-policy';

export type SimResult = { saturatedMinutes: number; capacityHours: number; decisions: number };

export type SimOptions = {
  /** Capacity the series was recorded on: demand = value × base ÷ 100. */
  baseCapacity: number;
  leadMin: number;
  threshold: number;
};

/**
 * Replays one recorded series as demand (`value × baseCapacity ÷ 100` capacity units) against
 * a policy: at each sample the policy sees the utilisation its capacity shows (at most 100 %)
 * and asks for a capacity, which serves from `leadMin` later (boot, image pull). Scores the
 * minutes at or above the threshold, the capacity-hours paid, and the requests that changed
 * the capacity asked for. Each sample stands for the time until the next one.
 *
 * @example
 * simulate(samples, reactivePolicy(opts), { baseCapacity: 10, leadMin: 5, threshold: 90 });
 */
export function simulate(samples: readonly Sample[], policy: ScalePolicy, opts: SimOptions): SimResult {
  const leadMs = opts.leadMin * MS_PER_MIN;
  const pending: Array<{ at: number; capacity: number }> = [];
  let capacity = opts.baseCapacity;
  let asked = capacity;
  const result: SimResult = { saturatedMinutes: 0, capacityHours: 0, decisions: 0 };
  for (let i = 0; i < samples.length; i++) {
    const { t, value } = samples[i]!;
    while (pending.length > 0 && pending[0]!.at <= t) capacity = pending.shift()!.capacity;
    const demand = (Math.max(0, value) * opts.baseCapacity) / 100;
    const utilization = capacity > 0 ? Math.min(100, (100 * demand) / capacity) : 100;
    const stepMin = i + 1 < samples.length ? (samples[i + 1]!.t - t) / MS_PER_MIN : 0;
    if (utilization >= opts.threshold) result.saturatedMinutes += stepMin;
    result.capacityHours += (capacity * stepMin) / 60;
    const desired = policy.desired({ t, utilization, capacity, demand });
    if (desired !== asked) {
      result.decisions++;
      asked = desired;
      pending.push({ at: t + leadMs, capacity: desired });
    }
  }
  return result;
}
