export { olsModel } from './models/ols.model';
export { holtModel, DEFAULT_HOLT_PARAMS } from './models/holt.model';
export { theilSenModel } from './models/theil-sen.model';
export { seasonalModel } from './models/seasonal.model';
export { dailySeasonalModel } from './models/daily-seasonal.model';
export { leakTrendModel, DEFAULT_LEAK_TREND_PARAMS } from './models/leak-trend.model';
export { windowOf } from './sample-window';
export { saturationWindow } from './saturation';
export { createSeriesForecaster, DEFAULT_FORECAST_OPTIONS } from './series-forecaster';
export { evaluateAlertRule, DEFAULT_ALERT_RULE_PARAMS, INITIAL_ALERT_RULE_STATE } from './alert-rule';
export { alertObservationFromForecast } from './alert-observation';
export { findIncidents, scoreSeries, summariseScores } from './backtest/scoring';
export { predictLinearNotifications } from './backtest/predict-linear.baseline';
export { replaySeries } from './backtest/replay';
export { runRule } from './backtest/backtest-rule';
export { replayGrid } from './backtest/replay-grid';
export { memorySuite, DEFAULT_MEMORY_SUITE_OPTIONS } from './backtest/memory-suite';
export {
  breachProbabilities,
  probabilityWithin,
  probabilityAbove,
  BREACH_PROBABILITY_WITHIN_MIN,
} from './breach-probability';
export { breachFeatures, BREACH_FEATURE_NAMES } from './breach-features';
export { calibratedBreachProbability, BREACH_PROBABILITY_MODEL } from './probability-model';
export { tallyReliability, crossingWithin, emptyBins } from './backtest/reliability';
export { tallyAccuracy, maeOf, coverage80Of, sumAccuracy } from './backtest/accuracy';
export type {
  BreachProbability,
  Sample,
  SampleWindow,
  SaturationWindow,
  SeriesForecast,
  ForecastPointValue,
} from './types';
export type { ForecastModel, FittedModel, Prediction } from './models/model';
export type { HoltParams } from './models/holt.model';
export type { LeakTrendParams } from './models/leak-trend.model';
export type { SeasonalProfile } from './models/seasonal-profile';
export type { SaturationOptions } from './saturation';
export type { SeriesForecaster, SeriesForecasterOptions } from './series-forecaster';
export type { AlertRuleParams, AlertObservation, AlertRuleState, AlertNotification, AlertDecision } from './alert-rule';
export type { ScoredNotification, ScoringOptions, SeriesScore, ScoreSummary } from './backtest/scoring';
export type { BacktestNotification } from './backtest/notification';
export type { PredictLinearOptions } from './backtest/predict-linear.baseline';
export type { ReplayOptions } from './backtest/replay';
export type { BacktestRule, BacktestRunOptions } from './backtest/backtest-rule';
export type { AccuracyTally, StreamPredictor } from './backtest/accuracy';
export type { GridRun, GridReplayOptions } from './backtest/replay-grid';
export type { ReliabilityBin } from './backtest/reliability';
export type { MemorySeries, MemorySuiteOptions } from './backtest/memory-suite';
export type { BreachProbabilityOptions } from './breach-probability';
