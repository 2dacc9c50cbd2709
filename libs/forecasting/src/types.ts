/** One observation: epoch milliseconds and a value in percent. */
export type Sample = { t: number; value: number };

/** Earliest / likely / latest crossing times (epoch ms); any may be null. */
export type SaturationWindow = {
  earliest: number | null;
  likely: number | null;
  latest: number | null;
};

export type ForecastPointValue = { t: number; value: number; lo: number; hi: number };

/** P(a sustained crossing starts within `withinMin` minutes). */
export type BreachProbability = { withinMin: number; p: number };

/** What the forecaster publishes for one series after one sample. */
export type SeriesForecast = {
  /** Time of the newest sample the forecast was made from. */
  t: number;
  model: string;
  current: number;
  slopePerMin: number;
  threshold: number;
  /** null when no crossing is forecast within the horizon. */
  breach: SaturationWindow | null;
  points: ForecastPointValue[];
  samples: number;
  /**
   * Calibrated P(sustained crossing starts within `withinMin`), for each of
   * `BREACH_PROBABILITY_WITHIN_MIN`; absent from forecasts made before it existed.
   */
  breachProbability?: BreachProbability[];
};

/**
 * Read-only samples, oldest first (index 0), read by index so a model can be fitted to the
 * forecaster's ring buffer, or a part of it, without copying it into objects.
 */
export type SampleWindow = {
  readonly length: number;
  t(i: number): number;
  value(i: number): number;
};
