import { MS_PER_MIN } from '@autoscale/time-units';
import type { FittedModel, Prediction } from './models/model';
import { Z80, Z95 } from './models/interval';
import type { BreachProbability } from './types';

/** The lookaheads a forecast carries a probability for; the rule interpolates between them. */
export const BREACH_PROBABILITY_WITHIN_MIN = [15, 30, 60, 120];

export type BreachProbabilityOptions = {
  /** Step of the scan over the future, = the poll interval. */
  stepMin: number;
  /** A crossing counts when the value is above at two points `sustainMin` apart. */
  sustainMin: number;
};

/**
 * The probability that the value reaches `threshold` and is still there `sustainMin` later,
 * starting within each of `withinMin`, from the model's calibrated predictive distribution:
 * at each step ahead, P(value ≥ threshold) under a normal whose spread is read off the 80 %
 * interval near the centre and off the 95 % interval in the tail (so heavy-tailed errors,
 * whose 95 % width is more than 1.53 × the 80 % one, get their tail); a sustained crossing
 * at step m needs steps m and m + sustain both above (the smaller of the two); a crossing
 * within L is the likeliest such step up to L. This raw number is optimistic on noisy series
 * and blind to a series' history; `calibratedBreachProbability` maps it (with the series'
 * features) to the observed frequency.
 *
 * @example
 * breachProbabilities(fitted, now, 90, [30, 60], { stepMin: 5, sustainMin: 10 });
 */
export function breachProbabilities(
  fitted: FittedModel,
  from: number,
  threshold: number,
  withinMin: readonly number[],
  opts: BreachProbabilityOptions,
): BreachProbability[] {
  const longest = Math.max(...withinMin);
  const above: number[] = [];
  for (let m = opts.stepMin; m <= longest + opts.sustainMin; m += opts.stepMin) {
    above.push(probabilityAbove(fitted.predict(from + m * MS_PER_MIN), threshold));
  }
  const lag = Math.max(1, Math.round(opts.sustainMin / opts.stepMin));
  return withinMin.map((L) => {
    let raw = 0;
    for (let i = 0; (i + 1) * opts.stepMin <= L; i++)
      raw = Math.max(raw, Math.min(above[i]!, above[i + lag] ?? above[i]!));
    return { withinMin: L, p: raw };
  });
}

/** P(value ≥ threshold) for one prediction, normal with the spread its intervals imply. */
export function probabilityAbove(p: Prediction, threshold: number): number {
  const w80 = p.hi80 - p.value;
  const w95 = p.hi95 - p.value;
  const gap = threshold - p.value;
  const spread = Math.max(1e-6, Math.abs(gap) <= w80 ? w80 / Z80 : Math.max(w80 / Z80, w95 / Z95));
  return 1 - normalCdf(gap / spread);
}

/**
 * P(within L) read off a forecast's list, linearly between its lookaheads (0 at 0 minutes,
 * the longest one's value beyond it).
 *
 * @example
 * probabilityWithin([{ withinMin: 30, p: 0.2 }, { withinMin: 60, p: 0.4 }], 45); // 0.3
 */
export function probabilityWithin(list: readonly BreachProbability[], lookaheadMin: number): number {
  let prev: BreachProbability = { withinMin: 0, p: 0 };
  for (const item of list) {
    if (lookaheadMin <= item.withinMin) {
      const f = (lookaheadMin - prev.withinMin) / (item.withinMin - prev.withinMin || 1);
      return prev.p + f * (item.p - prev.p);
    }
    prev = item;
  }
  return prev.p;
}

/** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}
