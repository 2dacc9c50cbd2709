import { z } from 'zod';
import { DEFAULT_ALERT_RULE_PARAMS } from '@autoscale/forecasting';
import { alertEnv, alertRulesEnv, channelEnv, commonEnv, leaseEnv, loadConfigOrExit, pagerEnv, pollEnv, pollIntervalMs, thresholdEnv } from '@autoscale/config';

export const AlerterEnv = z.object({
  ...commonEnv,
  ...leaseEnv,
  ...alertEnv,
  ...channelEnv,
  ...pagerEnv,
  ...pollEnv,
  ...alertRulesEnv,
  ...thresholdEnv,
  /** Hysteresis: minutes with no breach forecast (and the value clear of the line) before "resolved". */
  ALERT_CLEAR_MIN: z.coerce.number().min(0).default(DEFAULT_ALERT_RULE_PARAMS.clearMin),
  /** Forecasts older than this update the rule state but never page; default two polls, at least 10 min. */
  ALERT_MAX_AGE_MIN: z.coerce.number().positive().optional(),
  /** A delivery still failing this long after it was decided is recorded as failed. */
  ALERT_DELIVERY_GIVEUP_MIN: z.coerce.number().positive().default(60),
  /** Lease on a delivery job: a replica dying mid-send is taken over after it. Keep above 20 s (the SMTP timeout). */
  ALERT_DELIVERY_LEASE_SEC: z.coerce.number().min(1).default(60),
  /** Deliveries in flight per channel. */
  ALERT_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  /** Dashboard address; when set, messages link to the resource's page. */
  PUBLIC_URL: z.url().optional(),
});
export type AlerterConfig = z.infer<typeof AlerterEnv>;

/** `ALERT_MAX_AGE_MIN`, or two poll intervals and at least 10 minutes. */
export const alertMaxAgeMs = (c: AlerterConfig) =>
  c.ALERT_MAX_AGE_MIN !== undefined ? c.ALERT_MAX_AGE_MIN * 60_000 : Math.max(10 * 60_000, 2 * pollIntervalMs(c));

export const loadAlerterConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfigOrExit('alerter', AlerterEnv, env);
