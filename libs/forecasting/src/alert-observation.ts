import type { AlertObservation } from './alert-rule';
import type { SeriesForecast } from './types';

/**
 * What the alerter gives the rule for one forecast. The backtest uses this very function, so
 * an alerter that builds its observation here decides exactly as the backtest does.
 *
 * @example
 * evaluateAlertRule(state, alertObservationFromForecast(forecast), DEFAULT_ALERT_RULE_PARAMS);
 */
export function alertObservationFromForecast(forecast: SeriesForecast): AlertObservation {
  return {
    t: forecast.t,
    current: forecast.current,
    threshold: forecast.threshold,
    breach: forecast.breach,
    model: forecast.model,
    ...(forecast.breachProbability ? { breachProbability: forecast.breachProbability } : {}),
  };
}
