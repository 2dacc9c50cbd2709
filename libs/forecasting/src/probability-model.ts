import { logistic, seriesFeatures, withLookahead } from './breach-features';
import type { BreachProbability, SampleWindow } from './types';

/**
 * The shipped breach-probability mapping: a logistic regression from `BREACH_FEATURE_NAMES`
 * to "a sustained crossing starts within the lookahead", fitted on the development data only
 * (NAB + the development part of PlanetLab; every forecast below the threshold after the
 * first hour, thresholds 80/90/95, lookaheads 30/60/120; negatives subsampled 1 in 10 and
 * weighted 10; L2 10; Newton). 105,378 rows, 11,646 positives. What the weights say: a series
 * that has crossed before (bursts that saturated) is the strongest sign (+1.31 per log
 * crossing), then how close the threshold is in volatility units and how close the last
 * hour came; the model's own probability adds little on top once these are known.
 * See docs/forecasting.md ("Breach probability").
 */
export const BREACH_PROBABILITY_MODEL = {
  weights: [0.1782, -0.5943, 1.3123, -0.6119, -0.1524, 0.8623],
  bias: -2.9402,
} as const;

/**
 * Maps the raw probabilities of `breachProbabilities` to calibrated ones with the shipped
 * model, from the series' kept window (newest last).
 *
 * @example
 * calibratedBreachProbability(window, 90, breachProbabilities(fitted, now, 90, [30, 60], opts));
 */
export function calibratedBreachProbability(
  window: SampleWindow,
  threshold: number,
  raw: readonly BreachProbability[],
): BreachProbability[] {
  const { weights, bias } = BREACH_PROBABILITY_MODEL;
  const series = seriesFeatures(window, threshold);
  return raw.map(({ withinMin, p }) => ({
    withinMin,
    p: Math.round(logistic(weights, bias, withLookahead(series, p, withinMin)) * 1e4) / 1e4,
  }));
}
