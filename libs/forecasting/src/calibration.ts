import type { FittedModel, Prediction } from './models/model';

const MS_PER_MIN = 60_000;

/** Half-widths of the 80 % and 95 % intervals at one horizon. */
type Widths = { h: number; w80: number; w95: number };

/**
 * Replaces a model's own interval with one calibrated on its recent out-of-sample errors:
 * at each tracked horizon the 80 % (95 %) half-width is the 80th (95th) percentile of the
 * absolute errors, interpolated between horizons and grown with √h beyond them. When too few
 * errors are known the model's own interval is kept.
 *
 * @example
 * calibrated(fitted, lastT, tracker.horizonsMin, tracker.errorsOf('holt'), 24);
 */
export function calibrated(
  fitted: FittedModel,
  from: number,
  horizonsMin: readonly number[],
  errors: readonly ArrayLike<number>[],
  minCount: number,
): FittedModel {
  if (errors.length !== horizonsMin.length || errors.some((e) => e.length < minCount)) return fitted;
  const widths = widthsOf(horizonsMin, errors);
  return {
    ...fitted,
    predict(t: number): Prediction {
      const p = fitted.predict(t);
      const w = widthsAt(widths, Math.max(0, (t - from) / MS_PER_MIN));
      return { value: p.value, lo80: p.value - w.w80, hi80: p.value + w.w80, lo95: p.value - w.w95, hi95: p.value + w.w95 };
    },
  };
}

/** Interval half-widths at each horizon from its errors (any order: they are sorted). */
function widthsOf(horizonsMin: readonly number[], errors: readonly ArrayLike<number>[]): Widths[] {
  return horizonsMin.map((h, k) => {
    const abs = Array.from(errors[k]!, Math.abs).sort((a, b) => a - b);
    return { h, w80: quantile(abs, 0.8), w95: quantile(abs, 0.95) };
  });
}

function widthsAt(widths: readonly Widths[], h: number): Widths {
  const first = widths[0]!;
  const last = widths[widths.length - 1]!;
  if (h <= first.h) return scale(first, Math.sqrt(h / first.h), h);
  if (h >= last.h) return scale(last, Math.sqrt(h / last.h), h);
  const i = widths.findIndex((w) => w.h >= h);
  const a = widths[i - 1]!;
  const b = widths[i]!;
  const f = (h - a.h) / (b.h - a.h);
  return { h, w80: a.w80 + f * (b.w80 - a.w80), w95: a.w95 + f * (b.w95 - a.w95) };
}

const scale = (w: Widths, f: number, h: number): Widths => ({ h, w80: w.w80 * f, w95: w.w95 * f });

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
