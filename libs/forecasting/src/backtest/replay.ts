import { evaluateAlertRule, DEFAULT_ALERT_RULE_PARAMS, INITIAL_ALERT_RULE_STATE } from '../alert-rule';
import type { AlertRuleParams, AlertRuleState } from '../alert-rule';
import { alertObservationFromForecast } from '../alert-observation';
import { createSeriesForecaster } from '../series-forecaster';
import type { SeriesForecasterOptions } from '../series-forecaster';
import type { Sample } from '../types';
import type { BacktestNotification } from './notification';

export type ReplayOptions = {
  threshold: number;
  forecast?: Partial<SeriesForecasterOptions>;
  rule?: Partial<AlertRuleParams>;
};

/**
 * Streams a series through the forecaster and the alert rule exactly as the forecaster and
 * alerter services do (add, forecast, observation, rule, state carried over) and returns
 * every notification the alerter would send.
 *
 * @example
 * replaySeries(samples, { threshold: 90, rule: { lookaheadMin: 60 } });
 */
export function replaySeries(samples: readonly Sample[], opts: ReplayOptions): BacktestNotification[] {
  const series = createSeriesForecaster(opts.forecast);
  const params: AlertRuleParams = { ...DEFAULT_ALERT_RULE_PARAMS, ...opts.rule };
  let state: AlertRuleState = INITIAL_ALERT_RULE_STATE;
  const out: BacktestNotification[] = [];
  for (const sample of samples) {
    if (!series.add(sample)) continue;
    const forecast = series.forecast(opts.threshold);
    if (!forecast) continue;
    const obs = alertObservationFromForecast(forecast);
    const decision = evaluateAlertRule(state, obs, params);
    state = decision.state;
    if (!decision.notify) continue;
    const { kind, severity, breachAt } = decision.notify;
    out.push({ t: obs.t, kind, severity, breachAt, model: obs.model, current: obs.current });
  }
  return out;
}
