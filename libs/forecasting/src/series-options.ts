export type SeriesForecasterOptions = {
  /** Trend window: OLS and Theil–Sen fit the samples of the last `windowMin` minutes. */
  windowMin: number;
  /** Hard cap on samples kept (Holt runs over them), whatever the poll interval. */
  maxSamples: number;
  /** No forecast from fewer samples than this. */
  minSamples: number;
  /** How far ahead a crossing is searched for, and points are given. */
  horizonMin: number;
  /** How many chart points the forecast carries. */
  points: number;
  /** A forecast crossing counts when it lasts this long (see `saturationWindow`). */
  sustainMin: number;
  /** Out-of-sample errors per horizon needed before a model may be chosen or calibrated. */
  minErrors: number;
  /**
   * Adds the daily-seasonal model to the selection; it becomes a candidate once two days of
   * history exist. On by default; off leaves the 288-number daily profile unused.
   */
  dailySeasonal: boolean;
  /**
   * Watches for a leak (`leakTrendModel`: the floor has risen hour after hour for five
   * hours); while one is seen and its peaks reach the threshold within the horizon, its
   * forecast is published instead of the chosen model's. On by default.
   */
  leakTrend: boolean;
};

export const DEFAULT_FORECAST_OPTIONS: SeriesForecasterOptions = {
  windowMin: 60,
  maxSamples: 288,
  minSamples: 5,
  horizonMin: 120,
  points: 12,
  sustainMin: 10,
  minErrors: 24,
  dailySeasonal: true,
  leakTrend: true,
};
