import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { latestScaleDecisions } from '@autoscale/db';
import type { GatewayDeps } from '../deps';
import { lazyScaleControls } from '../scaling/scale-controls';
import { scaleView } from '../scaling/scale-view';

/**
 * Each scale target's newest decision as gauges, read at each scrape, for KEDA's
 * `prometheus` scaler or prometheus-adapter: `autoscale_scale_desired_replicas{target}` is the
 * value `/api/scale/{target}` serves (the minimum unless the decision asks, in `act` mode).
 */
export function scaleMetrics(registry: Registry, deps: GatewayDeps) {
  const registers = [registry];
  const labelNames = ['target'] as const;
  const gauges = {
    desired: new Gauge({
      name: 'autoscale_scale_desired_replicas',
      help: 'Capacity the forecast asks for now (the target minimum unless mode act, not paused, fresh)',
      labelNames,
      registers,
    }),
    recommended: new Gauge({
      name: 'autoscale_scale_recommended_replicas',
      help: "The newest decision's capacity, whatever the mode",
      labelNames,
      registers,
    }),
    current: new Gauge({
      name: 'autoscale_scale_current_replicas',
      help: 'Members reporting forecasts at the newest decision',
      labelNames,
      registers,
    }),
    expected: new Gauge({
      name: 'autoscale_scale_expected_utilization',
      help: 'Group utilisation (percent) expected at the lead time',
      labelNames,
      registers,
    }),
    probability: new Gauge({
      name: 'autoscale_scale_breach_probability',
      help: 'Highest member breach probability at the newest decision',
      labelNames,
      registers,
    }),
    age: new Gauge({
      name: 'autoscale_scale_decision_age_seconds',
      help: 'Age of the forecasts behind the newest decision',
      labelNames,
      registers,
    }),
    paused: new Gauge({ name: 'autoscale_scale_paused', help: '1 when the target is paused', labelNames, registers }),
  };
  const controls = lazyScaleControls(deps);

  return {
    /** Replaces every value with the newest decisions. */
    async refresh() {
      const now = Date.now();
      const [rows, pauses] = await Promise.all([
        latestScaleDecisions(deps.db),
        controls()
          .then((c) => c.listPauses())
          .catch(() => []),
      ]);
      for (const gauge of Object.values(gauges)) gauge.reset();
      for (const row of rows) {
        const view = scaleView(
          row,
          pauses.some((p) => p.target === row.target),
          now,
        );
        const target = { target: row.target };
        gauges.desired.set(target, view.desiredReplicas);
        gauges.recommended.set(target, view.recommendedReplicas);
        gauges.current.set(target, view.currentReplicas);
        if (view.expectedUtilization !== null) gauges.expected.set(target, view.expectedUtilization);
        if (view.breachProbability !== null) gauges.probability.set(target, view.breachProbability);
        gauges.age.set(target, (now - Date.parse(view.forecastAt)) / 1000);
        gauges.paused.set(target, view.paused ? 1 : 0);
      }
    },
  };
}
