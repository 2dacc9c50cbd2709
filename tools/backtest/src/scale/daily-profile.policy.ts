import { MS_PER_DAY, MS_PER_MIN } from '@autoscale/time-units';
import { clamp, reactivePolicy } from './reactive.policy';
import type { PolicyOptions, ScalePolicy } from './scale-policy';

/**
 * What AWS and GCE predictive scaling do: learn the load per hour of the day from the days
 * before (at least one full day; hourly granularity), and keep capacity at
 * `max(forecast for the hour ahead, what the reactive rule asks)` (GCE's rule; AWS pairs
 * predictive scaling with target tracking the same way). Before a day of history it is the
 * reactive rule alone.
 *
 * @example
 * const daily = dailyProfilePolicy(opts);
 */
export function dailyProfilePolicy(opts: PolicyOptions): ScalePolicy {
  const reactive = reactivePolicy(opts);
  const sums = new Array<number>(24).fill(0);
  const counts = new Array<number>(24).fill(0);
  let first: number | null = null;
  return {
    name: 'daily profile (AWS/GCE-like)',
    desired(obs) {
      first ??= obs.t;
      const hour = new Date(obs.t).getUTCHours();
      sums[hour]! += obs.demand;
      counts[hour]! += 1;
      const floor = reactive.desired(obs);
      if (obs.t - first < MS_PER_DAY) return floor;
      const ahead = new Date(obs.t + opts.leadMin * MS_PER_MIN).getUTCHours();
      if (counts[ahead] === 0) return floor;
      const expected = sums[ahead]! / counts[ahead]!;
      return Math.max(floor, clamp(Math.ceil((100 * expected) / opts.targetUtilization - 1e-9), opts));
    },
  };
}
