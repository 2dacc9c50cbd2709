import { z } from 'zod';
import { DEFAULT_ALERT_RULE_PARAMS } from '@autoscale/forecasting';
import {
  alertEnv,
  alertRulesEnv,
  channelEnv,
  commonEnv,
  leaseEnv,
  loadConfigOrExit,
  pagerEnv,
  pollEnv,
  pollIntervalMs,
  refusePlaceholderSecrets,
  thresholdEnv,
} from '@autoscale/config';
import { MS_PER_MIN } from '@autoscale/time-units';

export const AlerterEnv = z
  .object({
    ...commonEnv,
    ...leaseEnv,
    ...alertEnv,
    ...channelEnv,
    ...pagerEnv,
    ...pollEnv,
    ...alertRulesEnv,
    ...thresholdEnv,
    /** Hysteresis: minutes with no breach forecast (and the value clear of the line) before "resolved". */
    ALERT_CLEAR_MIN: z.coerce
      .number()
      .min(0)
      .default(DEFAULT_ALERT_RULE_PARAMS.clearMin)
      .describe('Minutes without a forecast breach (and the value clear of the line) before *resolved* is sent.'),
    /** Forecasts older than this update the rule state but never page; default two polls, at least 10 min. */
    ALERT_MAX_AGE_MIN: z.coerce
      .number()
      .positive()
      .optional()
      .describe(
        'A notification decided from an older forecast is recorded `suppressed: stale`, never sent; the first fresh forecast that keeps its episode open notifies. Default: two polls, at least 10.',
      ),
    /** A delivery still failing this long after it was decided is recorded as failed. */
    ALERT_DELIVERY_GIVEUP_MIN: z.coerce
      .number()
      .positive()
      .default(60)
      .describe('A delivery still failing this long after the decision is recorded `failed`.'),
    /** Lease on a delivery job: a replica dying mid-send is taken over after it. Keep above 20 s (the SMTP timeout). */
    ALERT_DELIVERY_LEASE_SEC: z.coerce
      .number()
      .min(1)
      .default(60)
      .describe(
        'Claim on a delivery job; a replica dying mid-send is taken over after it (keep above 20 s, the SMTP timeout).',
      ),
    /** Deliveries in flight per channel. */
    ALERT_DELIVERY_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(4)
      .describe(
        'Deliveries in flight per channel; with more than 1, notifications of one channel may arrive in another order than decided (retries reorder them too).',
      ),
    /** Dashboard address; when set, messages link to the resource's page. */
    PUBLIC_URL: z.url().optional().describe('Dashboard address; messages link to `<PUBLIC_URL>/#/resource/<id>`.'),
  })
  .superRefine(refusePlaceholderSecrets);
export type AlerterConfig = z.infer<typeof AlerterEnv>;

/** `ALERT_MAX_AGE_MIN`, or two poll intervals and at least 10 minutes. */
export const alertMaxAgeMs = (c: AlerterConfig) =>
  c.ALERT_MAX_AGE_MIN !== undefined
    ? c.ALERT_MAX_AGE_MIN * MS_PER_MIN
    : Math.max(10 * MS_PER_MIN, 2 * pollIntervalMs(c));

export const loadAlerterConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfigOrExit('alerter', AlerterEnv, env);
