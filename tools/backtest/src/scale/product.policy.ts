import { createSeriesForecaster } from '@autoscale/forecasting';
import { decideScale, DEFAULT_SCALE_POLICY, INITIAL_SCALE_STATE, memberOutlook } from '@autoscale/scaling';
import type { ScaleState } from '@autoscale/scaling';
import { reactivePolicy } from './reactive.policy';
import type { PolicyOptions, ScalePolicy } from './scale-policy';

/**
 * The product as deployed beside an HPA (the KEDA ScaledObject pairs the forecast with a CPU
 * trigger; the HPA takes the higher): the production forecaster fed the utilisation the group
 * shows under its own capacity, the scaler's decision (`decideScale`, scale-out only), and the
 * reactive rule for everything else. `minBreachProbability` is the target file's gate (0.2 by
 * default; 0 reads the upper 80 % bound always).
 *
 * @example
 * const product = productPolicy(opts);
 */
export function productPolicy(opts: PolicyOptions, minBreachProbability = 0.2): ScalePolicy {
  const reactive = reactivePolicy(opts);
  const series = createSeriesForecaster();
  const policy = {
    targetUtilization: opts.targetUtilization,
    minCapacity: opts.minCapacity,
    maxCapacity: opts.maxCapacity,
    leadMin: opts.leadMin,
    maxStep: DEFAULT_SCALE_POLICY.maxStep,
    minBreachProbability,
    scaleInAfterMin: null,
  };
  let state: ScaleState = INITIAL_SCALE_STATE;
  return {
    name: minBreachProbability > 0 ? 'product (forecast + HPA)' : 'product, upper bound always',
    desired(obs) {
      const floor = reactive.desired(obs);
      if (!series.add({ t: obs.t, value: obs.utilization })) return floor;
      const forecast = series.forecast(opts.threshold);
      if (!forecast) return floor;
      const outcome = decideScale(policy, state, {
        t: obs.t,
        currentCapacity: obs.capacity,
        members: [memberOutlook(forecast, opts.leadMin)],
      });
      state = outcome.state;
      return Math.max(floor, outcome.decision.forecastCapacity);
    },
  };
}
