import { z } from 'zod';
import { DEFAULT_ALERT_RULE_PARAMS } from '@autoscale/forecasting';
import { alertEnv, channelEnv, commonEnv, leaseEnv, loadConfigOrExit } from '@autoscale/config';

export const AlerterEnv = z.object({
  ...commonEnv,
  ...leaseEnv,
  ...alertEnv,
  ...channelEnv,
  /** Hysteresis: minutes with no breach forecast (and the value clear of the line) before "resolved". */
  ALERT_CLEAR_MIN: z.coerce.number().min(0).default(DEFAULT_ALERT_RULE_PARAMS.clearMin),
});
export type AlerterConfig = z.infer<typeof AlerterEnv>;

export const loadAlerterConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfigOrExit('alerter', AlerterEnv, env);
