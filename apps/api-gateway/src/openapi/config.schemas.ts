import { z } from '@hono/zod-openapi';
import { AlertRulesFile } from '@autoscale/config';
import { ChannelName } from '@autoscale/contracts';
import { Thresholds } from '@autoscale/http-contract';

// The schemas the dashboard reads live in @autoscale/http-contract, shared with its client.
export { ConfigResponse } from '@autoscale/http-contract';

/** The alert rules in force; `effective` only when `resource_id` is given. */
export const RulesResponse = z
  .object({
    file: z.string().nullable().openapi({ description: 'ALERT_RULES_FILE, or null when unset' }),
    defaults: z.object({ thresholds: Thresholds, lookaheadMin: z.number(), renotifyMin: z.number() }),
    rules: AlertRulesFile.shape.rules
      .readonly()
      .openapi({ description: "The file's entries in order; the first matching entry that sets a field wins" }),
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
