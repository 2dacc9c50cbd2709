import { z } from 'zod';
import { commonEnv, loadConfigOrExit, thresholdEnv } from '@autoscale/config';
import { DEFAULT_FORECAST_OPTIONS } from '@autoscale/forecasting';

export const ForecasterEnv = z.object({
  ...commonEnv,
  ...thresholdEnv,
  /** Minutes of history each series keeps (and replays at start); at most 288 samples. */
  FORECAST_WINDOW_MIN: z.coerce.number().positive().max(7 * 24 * 60).default(DEFAULT_FORECAST_OPTIONS.windowMin),
});
export type ForecasterConfig = z.infer<typeof ForecasterEnv>;

export const loadForecasterConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfigOrExit('forecaster', ForecasterEnv, env);
