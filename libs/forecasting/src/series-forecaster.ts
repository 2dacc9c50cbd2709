import { breachProbabilities, BREACH_PROBABILITY_WITHIN_MIN } from './breach-probability';
import { calibrated } from './calibration';
import { ErrorTracker, planErrorTracker } from './error-tracker';
import type { ErrorTrackerShape } from './error-tracker';
import { holtModel } from './models/holt.model';
import { leakTrendModel } from './models/leak-trend.model';
import type { FittedModel, ForecastModel, Prediction } from './models/model';
import { dailySeasonalModel } from './models/daily-seasonal.model';
import { olsModel } from './models/ols.model';
import { createSeasonalProfile, planSeasonalProfile } from './models/seasonal-profile';
import type { SeasonalProfile, SeasonalProfileShape } from './models/seasonal-profile';
import { seasonalModel } from './models/seasonal.model';
import { theilSenModel } from './models/theil-sen.model';
import { calibratedBreachProbability } from './probability-model';
import { planSampleRing, SampleRing } from './sample-window';
import type { SampleRingShape } from './sample-window';
import { saturationWindow } from './saturation';
import { Slab, SlabPlan } from './slab';
import type { Sample, SampleWindow, SeriesForecast } from './types';

const MS_PER_MIN = 60_000;

export type SeriesForecasterOptions = {
  /** Trend window: OLS and Theil–Sen fit the samples of the last `windowMin` minutes. */
  windowMin: number;
  /** Hard cap on samples kept (Holt runs over them), whatever the poll interval. */
  maxSamples: number;
  /** No forecast from fewer samples than this. */
  minSamples: number;
  /** How far ahead a crossing is searched for, and points are given. */
  horizonMin: number;
  /** How many chart points the forecast carries. */
  points: number;
  /** A forecast crossing counts when it lasts this long (see `saturationWindow`). */
  sustainMin: number;
  /** Out-of-sample errors per horizon needed before a model may be chosen or calibrated. */
  minErrors: number;
  /**
   * Adds the daily-seasonal model to the selection; it becomes a candidate once two days of
   * history exist. On by default; off leaves the 288-number daily profile unused.
   */
  dailySeasonal: boolean;
  /**
   * Watches for a leak (`leakTrendModel`: the floor has risen hour after hour for five
   * hours); while one is seen and its peaks reach the threshold within the horizon, its
   * forecast is published instead of the chosen model's. On by default.
   */
  leakTrend: boolean;
};

export const DEFAULT_FORECAST_OPTIONS: SeriesForecasterOptions = {
  windowMin: 60,
  maxSamples: 288,
  minSamples: 5,
  horizonMin: 120,
  points: 12,
  sustainMin: 10,
  minErrors: 24,
  dailySeasonal: true,
  leakTrend: true,
};

/** Selection and calibration look at errors this far ahead: the alerting lookaheads. */
const ERROR_HORIZONS_MIN = [15, 30, 60];
/** Twelve hours of 5-minute errors: recent enough to follow a regime, long enough to rank. */
const ERROR_MEMORY = 144;
/** A model must beat the incumbent by this margin to take over, so selection does not flap. */
const SWITCH_MARGIN = 0.95;
/** Holt keeps nothing between fits, so every series shares one. */
const HOLT = holtModel();

/** A candidate model; the seasonal ones read the series' own profiles, so each is made per fit. */
type Candidate = {
  name: string;
  window: 'trend' | 'history';
  model: (hourly: SeasonalProfile, hourOverHour: SeasonalProfile) => ForecastModel;
};

const CANDIDATES: readonly Candidate[] = [
  { name: olsModel.name, window: 'trend', model: () => olsModel },
  { name: theilSenModel.name, window: 'trend', model: () => theilSenModel },
  { name: HOLT.name, window: 'history', model: () => HOLT },
  { name: 'seasonal-hourly', window: 'history', model: (hourly) => seasonalModel(hourly, 'seasonal-hourly') },
];
const DAILY: Candidate = { name: 'seasonal-daily', window: 'history', model: (hourly, hourOverHour) => dailySeasonalModel(hourly, hourOverHour) };
const LEAK = leakTrendModel();

/** What every series of one configuration shares: options, candidates and where each part lives in the slab. */
type SeriesShape = {
  opts: SeriesForecasterOptions;
  pinned: ForecastModel | undefined;
  candidates: readonly Candidate[];
  plan: SlabPlan;
  window: SampleRingShape;
  hourly: SeasonalProfileShape;
  hourOverHour: SeasonalProfileShape;
  errors: ErrorTrackerShape;
};

const shapes = new Map<string, SeriesShape>();

function shapeOf(options: Partial<SeriesForecasterOptions>, pinned: ForecastModel | undefined): SeriesShape {
  const opts = { ...DEFAULT_FORECAST_OPTIONS, ...options };
  const key = JSON.stringify(opts);
  const known = pinned ? undefined : shapes.get(key);
  if (known) return known;
  const candidates: readonly Candidate[] = pinned
    ? [{ name: pinned.name, window: 'trend', model: () => pinned }]
    : [...CANDIDATES, ...(opts.dailySeasonal ? [DAILY] : [])];
  const plan = new SlabPlan();
  const shape: SeriesShape = {
    opts,
    pinned,
    candidates,
    plan,
    window: planSampleRing(plan, opts.maxSamples),
    // gamma 1: the last hour is the forecast, so a changed cron pattern is followed within one period.
    hourly: planSeasonalProfile(plan, 60, 5, 1, 'f32'),
    // The usual change from one hour to the next at each time of day, smoothed over days (gamma
    // 0.3); see dailySeasonalModel for why the daily part models changes rather than levels.
    hourOverHour: planSeasonalProfile(plan, 1440, 5, 0.3, 'f32'),
    errors: planErrorTracker(plan, candidates.length, { horizonsMin: ERROR_HORIZONS_MIN, memory: ERROR_MEMORY, recordEveryMin: 5, toleranceMin: 2.5 }),
  };
  if (!pinned) shapes.set(key, shape);
  return shape;
}

/**
 * The rolling state of one (resource, metric) series: a bounded window of samples, an hourly
 * profile, a daily profile of hour-over-hour changes, and the out-of-sample errors of each
 * model, all in one slab of typed arrays (≈ 9 KiB at the defaults: 4.2 KiB of 16-bit error
 * codes for 5 × 3 × 144 errors, 2.3 KiB of window); the fitted model kept between samples
 * holds a few numbers, not the window. After each sample it fits every model (O(window)),
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
export function createSeriesForecaster(options: Partial<SeriesForecasterOptions> = {}, model?: ForecastModel): SeriesForecaster {
  return new SeriesForecaster(shapeOf(options, model));
}

type Fits = { series: SeriesForecaster; current: FittedModel | null; leak: FittedModel | null };

/**
 * The fits of the series added to last, a few of them: a sample's metrics are added and then
 * forecast one after the other, and forecasts are asked once per threshold. Kept here, not
 * in each series (~1 KiB of closures and numbers a series), as one series is forecast at a time.
 */
const KEPT_FITS = 8;
const keptFitsList: Fits[] = [];

function keptFits(series: SeriesForecaster): Fits | undefined {
  return keptFitsList.find((k) => k.series === series);
}

function keepFits(series: SeriesForecaster, current: FittedModel | null, leak: FittedModel | null): Fits {
  const at = keptFitsList.findIndex((k) => k.series === series);
  if (at >= 0) keptFitsList.splice(at, 1);
  else if (keptFitsList.length === KEPT_FITS) keptFitsList.shift();
  const fits = { series, current, leak };
  keptFitsList.push(fits);
  return fits;
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
      const fitted = c.model(this.hourly, this.hourOverHour).fit(c.window === 'trend' ? this.trend(last.t) : this.window);
      current = pinned || !fitted ? fitted : calibrated(fitted, last.t, ERROR_HORIZONS_MIN, this.errors.codesOf(this.chosen), opts.minErrors);
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
    const raw = breachProbabilities(fitted, last.t, threshold, BREACH_PROBABILITY_WITHIN_MIN, { stepMin: 5, sustainMin: opts.sustainMin });
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
