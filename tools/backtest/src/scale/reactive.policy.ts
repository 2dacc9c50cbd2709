import { MS_PER_MIN } from '@autoscale/time-units';
import type { Observation, PolicyOptions, ScalePolicy } from './scale-policy';

const TOLERANCE = 0.1;
const STABILISATION_MS = 5 * MS_PER_MIN;

/**
 * The Kubernetes HPA's rule: `ceil(capacity × utilisation ÷ target)`, nothing within 10 % of
 * the target, scale-in only to the highest recommendation of the last 5 minutes
 * (stabilisation). It syncs at every sample (the data's interval; the HPA's 1-minute sync
 * sees nothing newer between samples).
 *
 * @example
 * const hpa = reactivePolicy(opts); hpa.desired({ t, utilization: 90, capacity: 4, demand: 3.6 }); // 6
 */
export function reactivePolicy(opts: PolicyOptions): ScalePolicy & { recommend(obs: Observation): number } {
  const recent: Array<{ t: number; desired: number }> = [];
  const recommend = (obs: Observation) => {
    const ratio = obs.utilization / opts.targetUtilization;
    if (Math.abs(ratio - 1) <= TOLERANCE) return obs.capacity;
    return Math.ceil(obs.capacity * ratio - 1e-9);
  };
  return {
    name: 'reactive (HPA-like)',
    recommend,
    desired(obs) {
      const raw = clamp(recommend(obs), opts);
      recent.push({ t: obs.t, desired: raw });
      while (recent.length > 0 && recent[0]!.t < obs.t - STABILISATION_MS) recent.shift();
      if (raw >= obs.capacity) return raw;
      return Math.min(obs.capacity, Math.max(...recent.map((r) => r.desired)));
    },
  };
}

export const clamp = (n: number, opts: Pick<PolicyOptions, 'minCapacity' | 'maxCapacity'>) =>
  Math.min(opts.maxCapacity, Math.max(opts.minCapacity, n));
