import { MS_PER_MIN } from '@autoscale/time-units';
import type { Sample } from '../types';

/** Counts of one probability bin: forecasts in it, the sum of their probabilities, and how many came true. */
export type ReliabilityBin = { lo: number; hi: number; count: number; sumP: number; hits: number };

/**
 * Whether a sustained crossing (two samples in a row at or above the threshold, the scoring's
 * incident shape) starts in (t, t + lookahead] — what a breach probability predicts.
 *
 * @example
 * crossingWithin(samples, i, 90, 60);
 */
export function crossingWithin(
  samples: readonly Sample[],
  from: number,
  threshold: number,
  lookaheadMin: number,
): boolean {
  const end = samples[from]!.t + lookaheadMin * MS_PER_MIN;
  for (let j = from + 1; j < samples.length - 1 && samples[j]!.t <= end; j++) {
    if (samples[j]!.value >= threshold && samples[j + 1]!.value >= threshold) return true;
  }
  return false;
}

/**
 * Adds forecasts' breach probabilities and outcomes to `bins` equal-width bins over [0, 1]
 * (created when `into` is omitted). Forecasts without a probability are skipped.
 *
 * @example
 * const bins = tallyReliability(samples, [{ t, p: 0.3 }], 90, 60);
 * bins.map((b) => [b.sumP / b.count, b.hits / b.count]); // predicted vs observed
 */
export function tallyReliability(
  samples: readonly Sample[],
  probabilities: readonly { t: number; p: number | null }[],
  threshold: number,
  lookaheadMin: number,
  into: ReliabilityBin[] = emptyBins(10),
): ReliabilityBin[] {
  let i = 0;
  for (const { t, p } of probabilities) {
    if (p === null) continue;
    while (i < samples.length - 1 && samples[i]!.t < t) i++;
    if (samples[i]!.t !== t) continue;
    const bin = into[Math.min(into.length - 1, Math.floor(p * into.length))]!;
    bin.count += 1;
    bin.sumP += p;
    if (crossingWithin(samples, i, threshold, lookaheadMin)) bin.hits += 1;
  }
  return into;
}

/** `n` empty bins over [0, 1]. @example emptyBins(10)[0]; // { lo: 0, hi: 0.1, count: 0, sumP: 0, hits: 0 } */
export function emptyBins(n: number): ReliabilityBin[] {
  return Array.from({ length: n }, (_, k) => ({ lo: k / n, hi: (k + 1) / n, count: 0, sumP: 0, hits: 0 }));
}
