import { MS_PER_MIN } from '@autoscale/time-units';
import { breachProbabilities, BREACH_PROBABILITY_WITHIN_MIN } from './breach-probability';
import { calibrated } from './calibration';
import { createErrorTracker } from './error-tracker';
import { holtModel } from './models/holt.model';
import { leakTrendModel } from './models/leak-trend.model';
import type { FittedModel, ForecastModel, Prediction } from './models/model';
import { dailySeasonalModel } from './models/daily-seasonal.model';
import { olsModel } from './models/ols.model';
import { createSeasonalProfile } from './models/seasonal-profile';
import { seasonalModel } from './models/seasonal.model';
import { theilSenModel } from './models/theil-sen.model';
import { calibratedBreachProbability } from './probability-model';
import { SampleRing } from './sample-window';
import { saturationWindow } from './saturation';
import type { Sample, SeriesForecast } from './types';

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

type Candidate = { model: ForecastModel; window: 'trend' | 'history' };

/**
 * The rolling state of one (resource, metric) series: a bounded window of samples, an hourly
 * profile, a daily profile of hour-over-hour changes, and the out-of-sample errors of each
 * model, all in fixed-size typed arrays (≈ 26 KiB of numbers at the defaults, most of it the
 * 5 × 3 × 144 errors); the fitted model kept between samples holds a few numbers, not the
 * window. After each sample it fits every model (O(window)), keeps the one with the lowest
 * recent error at 15–60 minutes ahead, and calibrates its interval on those errors. Samples not newer than the newest one
 * seen are ignored, which makes replays and redeliveries harmless.
 *
 * Passing `model` pins a single model (no selection, own interval): the seed's behaviour
 * with `olsModel`, kept as a baseline.
 *
 * @example
 * const series = createSeriesForecaster();
 * series.add({ t: Date.now(), value: 42 });
 * series.forecast(90); // null until minSamples samples
 */
export function createSeriesForecaster(options: Partial<SeriesForecasterOptions> = {}, model?: ForecastModel) {
  const opts = { ...DEFAULT_FORECAST_OPTIONS, ...options };
  const window = new SampleRing(opts.maxSamples);
  // gamma 1: the last hour is the forecast, so a changed cron pattern is followed within one period.
  const hourly = createSeasonalProfile(60, 5, 1);
  // The usual change from one hour to the next at each time of day, smoothed over days (gamma
  // 0.3); see dailySeasonalModel for why the daily part models changes rather than levels.
  const hourOverHour = createSeasonalProfile(1440, 5, 0.3);
  const candidates: Candidate[] = model
    ? [{ model, window: 'trend' }]
    : [
        { model: olsModel, window: 'trend' },
        { model: theilSenModel, window: 'trend' },
        { model: HOLT, window: 'history' },
        { model: seasonalModel(hourly, 'seasonal-hourly'), window: 'history' },
        ...(opts.dailySeasonal ? [{ model: dailySeasonalModel(hourly, hourOverHour), window: 'history' as const }] : []),
      ];
  const errors = createErrorTracker(
    candidates.map((c) => c.model.name),
    { horizonsMin: ERROR_HORIZONS_MIN, memory: ERROR_MEMORY, recordEveryMin: 5, toleranceMin: 2.5 },
  );
  const leakModel = !model && opts.leakTrend ? leakTrendModel() : null;
  let chosenName: string | null = null;
  let current: FittedModel | null = null;
  let leak: FittedModel | null = null;

  function add(sample: Sample): boolean {
    const last = window.last();
    if (last && sample.t <= last.t) return false;
    window.push(sample);
    errors.observe(sample);
    if (!model) {
      const hourAgo = hourly.at(sample.t);
      if (hourAgo !== null) hourOverHour.update({ t: sample.t, value: sample.value - hourAgo });
      hourly.update(sample);
    }
    current = window.length < opts.minSamples ? null : refit(sample.t);
    leak = current && leakModel ? leakModel.fit(window) : null;
    return true;
  }

  function refit(now: number): FittedModel | null {
    const trend = window.since(now - opts.windowMin * MS_PER_MIN);
    const fits = new Map<string, FittedModel>();
    for (const c of candidates) {
      const fitted = c.model.fit(c.window === 'trend' ? trend : window);
      if (!fitted) continue;
      fits.set(c.model.name, fitted);
      errors.record(c.model.name, now, fitted);
    }
    if (model) return fits.get(model.name) ?? null;
    chosenName = choose(fits);
    const chosen = chosenName === null ? undefined : fits.get(chosenName);
    if (!chosen) return null;
    return calibrated(chosen, now, ERROR_HORIZONS_MIN, errors.errorsOf(chosen.name), opts.minErrors);
  }

  /** Lowest recent error wins; the incumbent keeps its place unless clearly beaten. */
  function choose(fits: ReadonlyMap<string, FittedModel>): string | null {
    let best: string | null = null;
    let bestErr = Infinity;
    for (const name of fits.keys()) {
      const err = errors.meanAbsError(name, opts.minErrors);
      if (err === null) continue;
      const adjusted = name === chosenName ? err * SWITCH_MARGIN : err;
      if (adjusted < bestErr) {
        best = name;
        bestErr = adjusted;
      }
    }
    if (best !== null) return best;
    // Until errors are known: the damped trend, which neither ignores nor overshoots a ramp.
    return fits.has('holt') ? 'holt' : (fits.keys().next().value ?? null);
  }

  function forecast(threshold: number): SeriesForecast | null {
    if (!current) return null;
    const chosen = forecastFrom(current, threshold, true);
    if (!leak || !chosen) return chosen;
    // While a leak is seen, its peaks are what reach the threshold: when they do within the
    // horizon, the leak's forecast is the one to act on (the chosen model ranks by error at
    // the mean and, under a GC sawtooth, swings with the cycle's phase).
    const leaking = forecastFrom(leak, threshold, false);
    return leaking?.breach?.likely != null ? leaking : chosen;
  }

  /**
   * The forecast of one fitted model. `mapped`: its raw breach probability goes through the
   * learned map, fitted on bursty CPU series; a detected leak keeps its own, as nothing in
   * those series looked like a floor rising for five hours.
   */
  function forecastFrom(fitted: FittedModel, threshold: number, mapped: boolean): SeriesForecast | null {
    const last = window.last();
    if (!last) return null;
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
      samples: window.length,
      breachProbability: mapped ? calibratedBreachProbability(window, threshold, raw) : raw,
    };
  }

  /** Prediction of the current model for time t; null before the first forecast. */
  function predict(t: number): Prediction | null {
    return current?.predict(t) ?? null;
  }

  return { add, forecast, predict, size: () => window.length };
}

export type SeriesForecaster = ReturnType<typeof createSeriesForecaster>;
