import { z } from '@hono/zod-openapi';
import { AlertRulesFile } from '@autoscale/config';
import { ChannelName } from '@autoscale/contracts';
import { GatewayEnv } from '../config';

const Thresholds = z.object({ cpu: z.number(), mem: z.number() }).openapi({ description: 'Percent' });

/** The settings in force; never a secret (channels say only whether they are on). */
export const ConfigResponse = z
  .object({
    provider: GatewayEnv.shape.METRICS_PROVIDER.unwrap(),
    thresholds: Thresholds,
    lookaheadMin: z.number(),
    renotifyMin: z.number(),
    pollIntervalSeconds: z.number(),
    channels: z.object({ slack: z.boolean(), email: z.boolean(), alertmanager: z.boolean(), pagerduty: z.boolean(), webhook: z.boolean() }),
    testAlertRequiresToken: z.boolean(),
  })
  .openapi('Config');

/** The alert rules in force; `effective` only when `resource_id` is given. */
export const RulesResponse = z
  .object({
    file: z.string().nullable().openapi({ description: 'ALERT_RULES_FILE, or null when unset' }),
    defaults: z.object({ thresholds: Thresholds, lookaheadMin: z.number(), renotifyMin: z.number() }),
    rules: AlertRulesFile.shape.rules.readonly().openapi({ description: "The file's entries in order; the first matching entry that sets a field wins" }),
    effective: z
      .object({
        threshold: z.number(),
        lookaheadMin: z.number(),
        renotifyMin: z.number(),
        channels: z.array(ChannelName).readonly().nullable().openapi({ description: 'Null: every configured channel' }),
      })
      .optional(),
  })
  .openapi('Rules');
