import { planErrorTracker } from './error-tracker';
import type { ErrorTrackerShape } from './error-tracker';
import { dailySeasonalModel } from './models/daily-seasonal.model';
import { holtModel } from './models/holt.model';
import type { ForecastModel } from './models/model';
import { olsModel } from './models/ols.model';
import { planSeasonalProfile } from './models/seasonal-profile';
import type { SeasonalProfile, SeasonalProfileShape } from './models/seasonal-profile';
import { seasonalModel } from './models/seasonal.model';
import { theilSenModel } from './models/theil-sen.model';
import { planSampleRing } from './sample-window';
import type { SampleRingShape } from './sample-window';
import { SlabPlan } from './slab';
import { DEFAULT_FORECAST_OPTIONS } from './series-options';
import type { SeriesForecasterOptions } from './series-options';

/** Selection and calibration look at errors this far ahead: the alerting lookaheads. */
export const ERROR_HORIZONS_MIN = [15, 30, 60];
/** Twelve hours of 5-minute errors: recent enough to follow a regime, long enough to rank. */
const ERROR_MEMORY = 144;
/** A model must beat the incumbent by this margin to take over, so selection does not flap. */
export const SWITCH_MARGIN = 0.95;
/** Holt keeps nothing between fits, so every series shares one. */
export const HOLT = holtModel();

/** A candidate model; the seasonal ones read the series' own profiles, so each is made per fit. */
export type Candidate = {
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
const DAILY: Candidate = {
  name: 'seasonal-daily',
  window: 'history',
  model: (hourly, hourOverHour) => dailySeasonalModel(hourly, hourOverHour),
};

/** What every series of one configuration shares: options, candidates and where each part lives in the slab. */
export type SeriesShape = {
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

/**
 * The shape of a configuration, planned once and shared by its series (a pinned model's is planned per series).
 *
 * @example
 * new SeriesForecaster(shapeOf({}, undefined));
 */
export function shapeOf(options: Partial<SeriesForecasterOptions>, pinned: ForecastModel | undefined): SeriesShape {
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
    errors: planErrorTracker(plan, candidates.length, {
      horizonsMin: ERROR_HORIZONS_MIN,
      memory: ERROR_MEMORY,
      recordEveryMin: 5,
      toleranceMin: 2.5,
    }),
  };
  if (!pinned) shapes.set(key, shape);
  return shape;
}
