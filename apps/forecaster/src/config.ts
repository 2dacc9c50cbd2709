import { z } from 'zod';
import {
  alertRulesEnv,
  commonEnv,
  leaseEnv,
  loadConfigOrExit,
  refusePlaceholderSecrets,
  thresholdEnv,
} from '@autoscale/config';
import { DEFAULT_FORECAST_OPTIONS } from '@autoscale/forecasting';

export const ForecasterEnv = z
  .object({
    ...commonEnv,
    ...leaseEnv,
    ...thresholdEnv,
    ...alertRulesEnv,
    /** Trend window: the regression models fit the samples of the last this-many minutes. */
    FORECAST_WINDOW_MIN: z.coerce
      .number()
      .positive()
      .max(7 * 24 * 60)
      .default(DEFAULT_FORECAST_OPTIONS.windowMin)
      .describe(
        'Trend window: the regression models fit the last this-many minutes (each series keeps at most 288 samples).',
      ),
    /**
     * History replayed from METRICS at start to rebuild each series' state (sample window,
     * seasonal profiles, model errors); two days, so the daily-seasonal model has its history.
     */
    FORECAST_HISTORY_HOURS: z.coerce
      .number()
      .min(0)
      .max(7 * 24)
      .default(48)
      .describe(
        "History replayed from METRICS at start to rebuild each series' state (two days, for the daily-seasonal model).",
      ),
  })
  .superRefine(refusePlaceholderSecrets);
export type ForecasterConfig = z.infer<typeof ForecasterEnv>;

export const loadForecasterConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfigOrExit('forecaster', ForecasterEnv, env);
