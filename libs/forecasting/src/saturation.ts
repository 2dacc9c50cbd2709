import { MS_PER_MIN } from '@autoscale/time-units';
import type { FittedModel } from './models/model';
import type { SaturationWindow } from './types';

export type SaturationOptions = {
  horizonMin: number;
  stepMin: number;
  /**
   * A crossing counts only when the curve then stays at or above the threshold this long:
   * a saturation is a sustained state, and a one-sample blip in a forecast is not one.
   * 0 counts the first touch.
   */
  sustainMin?: number;
};

/**
 * Scans the model forward from `from` in `stepMin` steps up to `horizonMin` and reports when
 * the 80 % upper bound (earliest), the point forecast (likely) and the 80 % lower bound
 * (latest) first reach `threshold` and stay there for `sustainMin`. Returns null when not
 * even the upper bound crosses within the horizon. earliest ≤ likely ≤ latest always holds.
 *
 * @example
 * saturationWindow(fitted, now, 90, { horizonMin: 120, stepMin: 1, sustainMin: 10 });
 */
export function saturationWindow(
  model: FittedModel,
  from: number,
  threshold: number,
  opts: SaturationOptions,
): SaturationWindow | null {
  const sustain = opts.sustainMin ?? 0;
  const starts: (number | null)[] = [null, null, null];
  const found: (number | null)[] = [null, null, null];
  // A plain loop over the three curves: this runs ~130 times per forecast, for every series.
  const step = (i: number, v: number, t: number) => {
    if (found[i] !== null) return;
    if (v < threshold) {
      starts[i] = null;
      return;
    }
    const start = starts[i] ?? t;
    starts[i] = start;
    const withinHorizon = start - from <= opts.horizonMin * MS_PER_MIN;
    if (withinHorizon && t - start + opts.stepMin * MS_PER_MIN >= sustain * MS_PER_MIN) found[i] = start;
  };
  for (let min = 0; min <= opts.horizonMin + sustain; min += opts.stepMin) {
    const t = from + min * MS_PER_MIN;
    const p = model.predict(t);
    step(0, p.hi80, t);
    step(1, p.value, t);
    step(2, p.lo80, t);
    if (found[2] !== null) break;
  }
  const [earliest, likely, latest] = found as [number | null, number | null, number | null];
  if (earliest === null) return null;
  // Bounds cross before the curve they enclose; enforce it against scan-grid rounding.
  const likelyOrd = likely === null ? null : Math.max(likely, earliest);
  const latestOrd = latest === null ? null : Math.max(latest, likelyOrd ?? earliest);
  return { earliest, likely: likelyOrd, latest: latestOrd };
}
