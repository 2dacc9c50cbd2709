import type { SampleWindow } from './types';

/** Names of {@link breachFeatures}' entries, in order (the shipped weights follow it). */
export const BREACH_FEATURE_NAMES = [
  'logit raw P',
  'log distance / volatility',
  'log past crossings',
  'headroom of the last hour',
  'last 15 min change / volatility',
  'log lookahead / 60',
] as const;

const RECENT = 12; // one hour of 5-minute samples

/**
 * What the breach-probability mapping looks at besides the model's own probability, all from
 * the series' kept window (newest last): how far the threshold is in units of the recent
 * volatility, how often this series has crossed it before (sustained, within the window:
 * bursts that saturated), how close the last hour came, the last 15 minutes' change in
 * volatility units, and the lookahead. Bounded and O(window).
 *
 * @example
 * breachFeatures(window, 90, 0.2, 60); // six numbers
 */
export function breachFeatures(window: SampleWindow, threshold: number, rawP: number, lookaheadMin: number): number[] {
  return withLookahead(seriesFeatures(window, threshold), rawP, lookaheadMin);
}

/** The features of the window alone, the same for every lookahead: one O(window) pass for all. */
export type SeriesFeatures = { distance: number; crossings: number; headroom: number; change: number };

/**
 * The window's part of {@link breachFeatures}, computed once per forecast.
 *
 * @example
 * withLookahead(seriesFeatures(window, 90), 0.2, 60); // = breachFeatures(window, 90, 0.2, 60)
 */
export function seriesFeatures(window: SampleWindow, threshold: number): SeriesFeatures {
  const n = window.length;
  const last = window.value(n - 1);
  let sumSq = 0;
  let diffs = 0;
  let recentMax = Number.NEGATIVE_INFINITY;
  for (let i = Math.max(1, n - RECENT); i < n; i++) {
    const d = window.value(i) - window.value(i - 1);
    sumSq += d * d;
    diffs += 1;
  }
  for (let i = Math.max(0, n - RECENT); i < n; i++) recentMax = Math.max(recentMax, window.value(i));
  const vol = Math.max(0.5, Math.sqrt(diffs > 0 ? sumSq / diffs : 0));
  let crossings = 0;
  let before = n > 0 ? window.value(0) : 0;
  let here = n > 1 ? window.value(1) : 0;
  for (let i = 1; i < n - 1; i++) {
    const after = window.value(i + 1);
    if (here >= threshold && after >= threshold && before < threshold) crossings++;
    before = here;
    here = after;
  }
  const ago = window.value(Math.max(0, n - 4));
  return {
    distance: Math.log1p(Math.max(0, threshold - last) / vol),
    crossings: Math.log1p(crossings),
    headroom: clamp((threshold - recentMax) / 10, -1, 5),
    change: clamp((last - ago) / vol, -5, 5),
  };
}

/**
 * The features for one raw probability and lookahead, in `BREACH_FEATURE_NAMES` order.
 *
 * @example
 * withLookahead(seriesFeatures(window, 90), 0.2, 60).length; // 6
 */
export function withLookahead(series: SeriesFeatures, rawP: number, lookaheadMin: number): number[] {
  const p = Math.min(1 - 1e-4, Math.max(1e-4, rawP));
  return [
    Math.log(p / (1 - p)),
    series.distance,
    series.crossings,
    series.headroom,
    series.change,
    Math.log(lookaheadMin / 60),
  ];
}

/**
 * σ(bias + weights · features).
 *
 * @example
 * logistic([0.5, -1], -2, [1, 0]); // σ(-1.5)
 */
export function logistic(weights: readonly number[], bias: number, features: readonly number[]): number {
  let z = bias;
  for (let i = 0; i < weights.length; i++) z += weights[i]! * features[i]!;
  return 1 / (1 + Math.exp(-z));
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
