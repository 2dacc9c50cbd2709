import { MS_PER_MIN } from '@autoscale/time-units';
import type { Prediction } from '../models/model';
import type { Sample } from '../types';

const WARMUP_MS = 60 * MS_PER_MIN;

/** Something that forecasts a stream: the product's series forecaster fits this shape. */
export type StreamPredictor = {
  add(sample: Sample): boolean;
  /** Prediction for time t from what was added so far; null when it cannot predict yet. */
  predict(t: number): Prediction | null;
};

/** Summed errors at each horizon; add them across series with {@link sumAccuracy}. */
export type AccuracyTally = {
  horizonsMin: number[];
  count: number[];
  absError: number[];
  /** How many actual values fell inside the 80 % interval, per horizon. */
  inside80: number[];
};

/**
 * Streams the series through a predictor and, after the first hour, compares each forecast
 * made at a sample with the actual sample `h` minutes later (within half a poll interval).
 *
 * @example
 * const tally = tallyAccuracy(samples, createSeriesForecaster(), [15, 30, 60]);
 * maeOf(tally)[0]; // mean absolute error 15 minutes ahead
 */
export function tallyAccuracy(
  samples: readonly Sample[],
  predictor: StreamPredictor,
  horizonsMin: readonly number[],
): AccuracyTally {
  const tally = emptyTally(horizonsMin);
  const first = samples[0];
  if (!first) return tally;
  const cursors = horizonsMin.map(() => 0);
  for (let i = 0; i < samples.length; i++) {
    const now = samples[i]!;
    if (!predictor.add(now) || now.t - first.t < WARMUP_MS) continue;
    horizonsMin.forEach((h, k) => {
      const target = now.t + h * MS_PER_MIN;
      const actual = findNear(samples, cursors, k, target, now.t - (samples[i - 1]?.t ?? now.t));
      if (!actual) return;
      const p = predictor.predict(target);
      if (!p) return;
      tally.count[k]! += 1;
      tally.absError[k]! += Math.abs(p.value - actual.value);
      if (actual.value >= p.lo80 && actual.value <= p.hi80) tally.inside80[k]! += 1;
    });
  }
  return tally;
}

/** Mean absolute error per horizon. @example maeOf(tally) // [1.2, 2.3, 3.1] */
export function maeOf(tally: AccuracyTally): number[] {
  return tally.absError.map((e, k) => (tally.count[k]! > 0 ? e / tally.count[k]! : Number.NaN));
}

/** Share of actual values inside the 80 % interval, over all horizons. @example coverage80Of(tally) // 0.8 */
export function coverage80Of(tally: AccuracyTally): number {
  const n = tally.count.reduce((a, b) => a + b, 0);
  return n > 0 ? tally.inside80.reduce((a, b) => a + b, 0) / n : Number.NaN;
}

/** Adds tallies made with the same horizons. @example sumAccuracy([a, b]) */
export function sumAccuracy(tallies: readonly AccuracyTally[], horizonsMin: readonly number[]): AccuracyTally {
  const total = emptyTally(horizonsMin);
  for (const t of tallies) {
    t.count.forEach((c, k) => {
      total.count[k]! += c;
      total.absError[k]! += t.absError[k]!;
      total.inside80[k]! += t.inside80[k]!;
    });
  }
  return total;
}

function emptyTally(horizonsMin: readonly number[]): AccuracyTally {
  return {
    horizonsMin: [...horizonsMin],
    count: horizonsMin.map(() => 0),
    absError: horizonsMin.map(() => 0),
    inside80: horizonsMin.map(() => 0),
  };
}

/** Moves a per-horizon cursor forward (targets only increase) to the sample nearest target. */
function findNear(
  samples: readonly Sample[],
  cursors: number[],
  k: number,
  target: number,
  stepMs: number,
): Sample | null {
  let c = cursors[k]!;
  while (c < samples.length - 1 && samples[c]!.t < target) c++;
  cursors[k] = c;
  const tolerance = Math.max(stepMs, 5 * MS_PER_MIN) / 2;
  const candidates = [samples[c - 1], samples[c]].filter((s): s is Sample => s !== undefined);
  const best = candidates.sort((a, b) => Math.abs(a.t - target) - Math.abs(b.t - target))[0];
  return best && Math.abs(best.t - target) <= tolerance ? best : null;
}
