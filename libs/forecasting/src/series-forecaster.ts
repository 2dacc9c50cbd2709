import { MS_PER_MIN } from '@autoscale/time-units';
import { breachProbabilities, BREACH_PROBABILITY_WITHIN_MIN } from './breach-probability';
import { calibrated } from './calibration';
import { ErrorTracker } from './error-tracker';
import { keepFits, keptFits } from './kept-fits';
import type { Fits } from './kept-fits';
import { leakTrendModel } from './models/leak-trend.model';
import type { FittedModel, ForecastModel, Prediction } from './models/model';
import { createSeasonalProfile } from './models/seasonal-profile';
import type { SeasonalProfile } from './models/seasonal-profile';
import { calibratedBreachProbability } from './probability-model';
import { SampleRing } from './sample-window';
import { saturationWindow } from './saturation';
import { ERROR_HORIZONS_MIN, HOLT, shapeOf, SWITCH_MARGIN } from './series-shape';
import type { SeriesShape } from './series-shape';
import type { SeriesForecasterOptions } from './series-options';
import { Slab } from './slab';
import type { Sample, SampleWindow, SeriesForecast } from './types';

const LEAK = leakTrendModel();

export { DEFAULT_FORECAST_OPTIONS } from './series-options';
export type { SeriesForecasterOptions } from './series-options';

/**
 * The rolling state of one (resource, metric) series: a bounded window of samples, an hourly
 * profile, a daily profile of hour-over-hour changes, and the out-of-sample errors of each
 * model, all in one slab of typed arrays (8.7 KiB at the defaults: 4.2 KiB of 16-bit error
 * codes for 5 × 3 × 144 errors, 2.3 KiB of window); fitted models are kept only for the
 * last few series added to (`kept-fits`). After each sample it fits every model (O(window)),
 * keeps the one with the lowest recent error at 15–60 minutes ahead, and calibrates its
 * interval on those errors. Samples not newer than the newest one seen are ignored, which
 * makes replays and redeliveries harmless.
 *
 * Passing `model` pins a single model (no selection, own interval): the seed's behaviour
 * with `olsModel`, kept as a baseline.
 *
 * @example
 * const series = createSeriesForecaster();
 * series.add({ t: Date.now(), value: 42 });
 * series.forecast(90); // null until minSamples samples
 */
export function createSeriesForecaster(
  options: Partial<SeriesForecasterOptions> = {},
  model?: ForecastModel,
): SeriesForecaster {
  return new SeriesForecaster(shapeOf(options, model));
}

/** See {@link createSeriesForecaster}. A class: its methods are shared by every series. */
export class SeriesForecaster {
  private readonly slab: Slab;
  private readonly window: SampleRing;
  private readonly hourly: SeasonalProfile;
  private readonly hourOverHour: SeasonalProfile;
  private readonly errors: ErrorTracker;
  /** Index of the chosen candidate; -1 before any. */
  private chosen = -1;

  constructor(private readonly shape: SeriesShape) {
    this.slab = new Slab(shape.plan);
    this.window = new SampleRing(shape.window, this.slab);
    this.hourly = createSeasonalProfile(shape.hourly, this.slab);
    this.hourOverHour = createSeasonalProfile(shape.hourOverHour, this.slab);
    this.errors = new ErrorTracker(shape.errors, this.slab);
  }

  add(sample: Sample): boolean {
    const n = this.window.length;
    if (n > 0 && sample.t <= this.window.t(n - 1)) return false;
    const { opts, pinned } = this.shape;
    this.window.push(sample);
    this.errors.observe(sample);
    if (!pinned) {
      const hourAgo = this.hourly.at(sample.t);
      if (hourAgo !== null) this.hourOverHour.update({ t: sample.t, value: sample.value - hourAgo });
      this.hourly.update(sample);
    }
    const current = this.window.length < opts.minSamples ? null : this.refit(sample.t);
    keepFits(this, current, this.leakOf(current));
    return true;
  }

  forecast(threshold: number): SeriesForecast | null {
    const { current, leak } = this.fits();
    if (!current) return null;
    const chosen = this.forecastFrom(current, threshold, true);
    if (!leak || !chosen) return chosen;
    // While a leak is seen, its peaks are what reach the threshold: when they do within the
    // horizon, the leak's forecast is the one to act on (the chosen model ranks by error at
    // the mean and, under a GC sawtooth, swings with the cycle's phase).
    const leaking = this.forecastFrom(leak, threshold, false);
    return leaking?.breach?.likely != null ? leaking : chosen;
  }

  /** Prediction of the current model for time t; null before the first forecast. */
  predict(t: number): Prediction | null {
    return this.fits().current?.predict(t) ?? null;
  }

  size(): number {
    return this.window.length;
  }

  /**
   * The current and leak fits of the newest sample: kept from `add` while this series is
   * among the last few added to, else fitted again from the state, which is what they were
   * fitted from (the chosen model alone, calibrated on the same errors: the same fits).
   */
  private fits(): Fits {
    const kept = keptFits(this);
    if (kept) return kept;
    const { candidates, opts, pinned } = this.shape;
    const last = this.window.last();
    const c = candidates[pinned ? 0 : this.chosen];
    let current: FittedModel | null = null;
    if (last && c && this.window.length >= opts.minSamples) {
      const fitted = c
        .model(this.hourly, this.hourOverHour)
        .fit(c.window === 'trend' ? this.trend(last.t) : this.window);
      current =
        pinned || !fitted
          ? fitted
          : calibrated(fitted, last.t, ERROR_HORIZONS_MIN, this.errors.codesOf(this.chosen), opts.minErrors);
    }
    return keepFits(this, current, this.leakOf(current));
  }

  private leakOf(current: FittedModel | null): FittedModel | null {
    return current && !this.shape.pinned && this.shape.opts.leakTrend ? LEAK.fit(this.window) : null;
  }

  private trend(now: number): SampleWindow {
    return this.window.since(now - this.shape.opts.windowMin * MS_PER_MIN);
  }

  private refit(now: number): FittedModel | null {
    const { candidates, opts, pinned } = this.shape;
    const trend = this.trend(now);
    const fits: (FittedModel | null)[] = [];
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!;
      const fitted = c.model(this.hourly, this.hourOverHour).fit(c.window === 'trend' ? trend : this.window);
      fits.push(fitted);
      if (fitted) this.errors.record(i, now, fitted);
    }
    if (pinned) return fits[0] ?? null;
    this.chosen = this.choose(fits);
    const chosen = fits[this.chosen];
    if (!chosen) return null;
    return calibrated(chosen, now, ERROR_HORIZONS_MIN, this.errors.codesOf(this.chosen), opts.minErrors);
  }

  /** Lowest recent error wins; the incumbent keeps its place unless clearly beaten. */
  private choose(fits: readonly (FittedModel | null)[]): number {
    let best = -1;
    let bestErr = Infinity;
    for (let i = 0; i < fits.length; i++) {
      if (!fits[i]) continue;
      const err = this.errors.meanAbsError(i, this.shape.opts.minErrors);
      if (err === null) continue;
      const adjusted = i === this.chosen ? err * SWITCH_MARGIN : err;
      if (adjusted < bestErr) {
        best = i;
        bestErr = adjusted;
      }
    }
    if (best >= 0) return best;
    // Until errors are known: the damped trend, which neither ignores nor overshoots a ramp.
    const holt = this.shape.candidates.findIndex((c) => c.name === HOLT.name);
    return holt >= 0 && fits[holt] ? holt : fits.findIndex((f) => f !== null);
  }

  /**
   * The forecast of one fitted model. `mapped`: its raw breach probability goes through the
   * learned map, fitted on bursty CPU series; a detected leak keeps its own, as nothing in
   * those series looked like a floor rising for five hours.
   */
  private forecastFrom(fitted: FittedModel, threshold: number, mapped: boolean): SeriesForecast | null {
    const last = this.window.last();
    if (!last) return null;
    const { opts } = this.shape;
    const stepMin = opts.horizonMin / opts.points;
    const points = Array.from({ length: opts.points }, (_, i) => {
      const t = last.t + (i + 1) * stepMin * MS_PER_MIN;
      const p = fitted.predict(t);
      return { t, value: p.value, lo: p.lo80, hi: p.hi80 };
    });
    const raw = breachProbabilities(fitted, last.t, threshold, BREACH_PROBABILITY_WITHIN_MIN, {
      stepMin: 5,
      sustainMin: opts.sustainMin,
    });
    return {
      t: last.t,
      model: fitted.name,
      current: last.value,
      slopePerMin: fitted.slopePerMin,
      threshold,
      breach: saturationWindow(fitted, last.t, threshold, {
        horizonMin: opts.horizonMin,
        stepMin: 1,
        sustainMin: opts.sustainMin,
      }),
      points,
      samples: this.window.length,
      breachProbability: mapped ? calibratedBreachProbability(this.window, threshold, raw) : raw,
    };
  }
}
