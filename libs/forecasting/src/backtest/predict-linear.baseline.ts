import { MS_PER_MIN } from '@autoscale/time-units';
import type { Sample } from '../types';
import type { BacktestNotification } from './notification';

export type PredictLinearOptions = { windowMin: number; threshold: number; lookaheadMin: number };

/**
 * The Prometheus-style baseline: at every sample, fit OLS to the last `windowMin` minutes,
 * extrapolate to now + lookahead, and notify on the rising edge of "exceeds the threshold".
 * Kept apart from the product's rule so the comparison cannot borrow its hysteresis.
 *
 * @example
 * predictLinearNotifications(samples, { windowMin: 60, threshold: 90, lookaheadMin: 60 });
 */
export function predictLinearNotifications(
  samples: readonly Sample[],
  opts: PredictLinearOptions,
): BacktestNotification[] {
  const model = `predict_linear:${opts.windowMin}m`;
  const out: BacktestNotification[] = [];
  let start = 0;
  let firing = false;
  for (let i = 0; i < samples.length; i++) {
    const now = samples[i]!;
    while (samples[start]!.t < now.t - opts.windowMin * MS_PER_MIN) start++;
    const line = fitLine(samples, start, i);
    const ahead = line ? line.valueAt(now.t + opts.lookaheadMin * MS_PER_MIN) : Number.NEGATIVE_INFINITY;
    const exceeds = ahead >= opts.threshold;
    if (exceeds && !firing && line) {
      out.push({
        t: now.t,
        kind: 'forecast',
        severity: 'warning',
        breachAt: line.crossing(opts.threshold, now.t),
        model,
        current: now.value,
      });
    }
    firing = exceeds;
  }
  return out;
}

type Line = { valueAt(t: number): number; crossing(threshold: number, from: number): number | null };

function fitLine(samples: readonly Sample[], from: number, to: number): Line | null {
  const n = to - from + 1;
  if (n < 2) return null;
  const t0 = samples[to]!.t;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let j = from; j <= to; j++) {
    const x = (samples[j]!.t - t0) / MS_PER_MIN;
    const y = samples[j]!.value;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const denom = n * sxx - sx * sx;
  const slope = denom === 0 ? 0 : (n * sxy - sx * sy) / denom;
  const intercept = (sy - slope * sx) / n;
  return {
    valueAt: (t) => intercept + slope * ((t - t0) / MS_PER_MIN),
    crossing(threshold, from) {
      const now = intercept + slope * ((from - t0) / MS_PER_MIN);
      if (now >= threshold) return from;
      if (slope <= 0) return null;
      return Math.round(from + ((threshold - now) / slope) * MS_PER_MIN);
    },
  };
}
