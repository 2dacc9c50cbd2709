import { evaluateAlertRule, DEFAULT_ALERT_RULE_PARAMS, INITIAL_ALERT_RULE_STATE } from '../alert-rule';
import type { AlertRuleParams, AlertRuleState } from '../alert-rule';
import { alertObservationFromForecast } from '../alert-observation';
import { createSeriesForecaster } from '../series-forecaster';
import type { SeriesForecasterOptions } from '../series-forecaster';
import type { Sample } from '../types';
import { tallyAccuracy } from './accuracy';
import type { AccuracyTally } from './accuracy';
import type { BacktestNotification } from './notification';

/** One (threshold, lookahead) combination of a grid replay and what the alerter would send. */
export type GridRun = {
  threshold: number;
  lookaheadMin: number;
  notifications: BacktestNotification[];
  /** Per forecast below the threshold: time and the breach probability the rule saw (null: none). */
  probabilities: { t: number; p: number | null }[];
};

export type GridReplayOptions = {
  thresholds: readonly number[];
  lookaheadsMin: readonly number[];
  forecast?: Partial<SeriesForecasterOptions>;
  rule?: Partial<AlertRuleParams>;
  /** Horizons at which the forecast accuracy is tallied in the same pass. */
  accuracyHorizonsMin?: readonly number[];
};

/**
 * `replaySeries` for several thresholds and lookaheads in one pass: the series is fitted once
 * per sample (the fit does not depend on either), `forecast(threshold)` is asked once per
 * threshold and the alert rule runs with its own state per combination — the same calls, in
 * the same order, as the forecaster and alerter services make for one configuration.
 *
 * @example
 * replayGrid(samples, { thresholds: [80, 90], lookaheadsMin: [30, 60] }).runs.length; // 4
 */
export function replayGrid(
  samples: readonly Sample[],
  opts: GridReplayOptions,
): { runs: GridRun[]; accuracy: AccuracyTally } {
  const series = createSeriesForecaster(opts.forecast);
  const runs = opts.thresholds.flatMap((threshold) =>
    opts.lookaheadsMin.map((lookaheadMin) => ({
      run: { threshold, lookaheadMin, notifications: [], probabilities: [] } as GridRun,
      params: { ...DEFAULT_ALERT_RULE_PARAMS, ...opts.rule, lookaheadMin } as AlertRuleParams,
      state: INITIAL_ALERT_RULE_STATE as AlertRuleState,
    })),
  );
  // The accuracy tally drives the stream; each accepted sample also runs every combination.
  const predictor = {
    add(sample: Sample): boolean {
      if (!series.add(sample)) return false;
      for (const threshold of opts.thresholds) {
        const forecast = series.forecast(threshold);
        if (!forecast) continue;
        const obs = alertObservationFromForecast(forecast);
        for (const r of runs) {
          if (r.run.threshold !== threshold) continue;
          const decision = evaluateAlertRule(r.state, obs, r.params);
          r.state = decision.state;
          if (obs.current < threshold) r.run.probabilities.push({ t: obs.t, p: decision.probability ?? null });
          if (!decision.notify) continue;
          const { kind, severity, breachAt } = decision.notify;
          r.run.notifications.push({ t: obs.t, kind, severity, breachAt, model: obs.model, current: obs.current });
        }
      }
      return true;
    },
    predict: (t: number) => series.predict(t),
  };
  const accuracy = tallyAccuracy(samples, predictor, opts.accuracyHorizonsMin ?? []);
  return { runs: runs.map((r) => r.run), accuracy };
}
