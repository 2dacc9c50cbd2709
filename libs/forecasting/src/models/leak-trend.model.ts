import { MS_PER_MIN } from '@autoscale/time-units';
import type { Sample, SampleWindow } from '../types';
import { median, normalPrediction } from './interval';
import { fitConvexFloor } from './convex-floor';
import type { FittedModel, ForecastModel } from './model';

const MAD_TO_SIGMA = 1.4826;

export type LeakTrendParams = {
  /** Length of a block; longer than a GC cycle, so each block's minimum is a floor. */
  blockMin: number;
  /** Consecutive blocks whose floor rose, newest back, before the rise is called a leak. */
  minRises: number;
  /** Every one of those rises is at least this fraction of their median: noise is not a rise. */
  minRiseFraction: number;
  /** Spread of the envelope never below this (points): rounding and noise. */
  minSpread: number;
};

/**
 * An hour is longer than a GC cycle (heaps collect every few minutes to half an hour), and
 * five rising hours are longer than a start-up fill or a post-restart refill (minutes to
 * three hours): a fill stops at its level, a leak keeps raising the floor. A fill that ends
 * within three hours gives at most four rising hourly floors (the block holding the restart,
 * three of the fill, the first of the plateau).
 */
export const DEFAULT_LEAK_TREND_PARAMS: LeakTrendParams = {
  blockMin: 60,
  minRises: 5,
  minRiseFraction: 0.25,
  minSpread: 0.5,
};

type Block = { min: number; count: number };

/**
 * The minimum of each block of `blockMin` ending at the newest sample, newest first, up to
 * `maxBlocks`. A block with fewer than three samples ends the list (a gap).
 */
function blockFloors(window: SampleWindow, blockMin: number, maxBlocks: number): number[] {
  const now = window.t(window.length - 1);
  const blockMs = blockMin * MS_PER_MIN;
  const blocks: Block[] = [];
  for (let i = window.length - 1; i >= 0; i--) {
    const k = Math.floor((now - window.t(i)) / blockMs);
    if (k >= maxBlocks) break;
    while (blocks.length <= k) blocks.push({ min: Infinity, count: 0 });
    const b = blocks[k]!;
    b.count++;
    b.min = Math.min(b.min, window.value(i));
  }
  const gap = blocks.findIndex((b) => b.count < 3);
  return (gap < 0 ? blocks : blocks.slice(0, gap)).map((b) => b.min);
}

/** Whether each of the newest `rises` floors is above the one before it, by more than noise. */
function risingFor(floors: readonly number[], rises: number, minFraction: number): boolean {
  if (floors.length < rises + 1) return false;
  const steps = floors.slice(0, rises).map((f, k) => f - floors[k + 1]!);
  // Almost every series fails here, before the median is taken.
  if (!steps.every((r) => r > 0)) return false;
  const least = minFraction * median(steps);
  return steps.every((r) => r > 0 && r >= least);
}

/**
 * The cycle's turning points from `from` on: each sample that is the lowest (highest) of the
 * `spanMin` minutes ending at some sample — on a rising sawtooth, the bottom (top) of every
 * GC cycle. Distinct, oldest first. O(samples × samples per span).
 */
function turningPoints(window: SampleWindow, from: number, spanMin: number, lowest: boolean): Sample[] {
  const spanMs = spanMin * MS_PER_MIN;
  const beats = (a: number, b: number) =>
    lowest ? window.value(a) < window.value(b) : window.value(a) > window.value(b);
  const picked = new Set<number>();
  for (let end = window.length - 1; end >= 0 && window.t(end) >= from; end--) {
    let best = end;
    for (let i = end - 1; i >= 0 && window.t(i) > window.t(end) - spanMs; i--) if (beats(i, best)) best = i;
    if (window.t(best) >= from) picked.add(best);
  }
  return [...picked].sort((a, b) => a - b).map((i) => ({ t: window.t(i), value: window.value(i) }));
}

/** Each sample replaced by the lower of it and the one before: what the series held for two polls. */
function heldForTwo(window: SampleWindow): SampleWindow {
  return {
    length: window.length,
    t: (i) => window.t(i),
    value: (i) => (i === 0 ? window.value(0) : Math.min(window.value(i), window.value(i - 1))),
  };
}

/**
 * A memory leak under a GC sawtooth: the floor (each hour's minimum, what the heap holds
 * after a collection) has risen hour after hour for `minRises` hours. Fits nothing otherwise
 * (null), so a flat, bursty or refilling series never gets it. When it fits, it forecasts the
 * *upper envelope*: a curve through the bottoms of the GC cycles of those hours (a line, or a
 * parabola bending upwards for an accelerating leak) plus the usual height above it of the
 * cycle tops held for two polls — the peaks, not the mean, reach the limit first, and an
 * incident is two polls at or above it. O(window × samples per half hour).
 *
 * @example
 * leakTrendModel().fit(window)?.predict(now + 60 * 60_000).value; // where the peaks will be in an hour
 */
export function leakTrendModel(params: LeakTrendParams = DEFAULT_LEAK_TREND_PARAMS): ForecastModel {
  const { blockMin, minRises, minRiseFraction, minSpread } = params;
  return {
    name: 'leak-trend',
    fit(window: SampleWindow): FittedModel | null {
      if (window.length === 0) return null;
      if (!risingFor(blockFloors(window, blockMin, minRises + 1), minRises, minRiseFraction)) return null;
      const now = window.t(window.length - 1);
      // The rising hours only: the block before them may hold a restart.
      const from = now - minRises * blockMin * MS_PER_MIN;
      // Half an hour: a GC cycle's bottom and top are the extremes of the half hour around them.
      const floor = fitConvexFloor(turningPoints(window, from, blockMin / 2, true), now);
      if (!floor || !(floor.slopePerMin > 0)) return null;
      const tops = turningPoints(heldForTwo(window), from, blockMin / 2, false);
      const heights = tops.map((p) => p.value - floor.at(p.t));
      const height = median(heights);
      const scatter = MAD_TO_SIGMA * median(heights.map((h) => Math.abs(h - height)));
      const sigma = Math.max(minSpread, scatter, floor.sigma);
      return {
        name: 'leak-trend',
        slopePerMin: floor.slopePerMin,
        predict(t: number) {
          const x = Math.max(0, (t - now) / MS_PER_MIN);
          return normalPrediction(floor.at(t) + height, Math.hypot(sigma, floor.slopeSe * x));
        },
      };
    },
  };
}
