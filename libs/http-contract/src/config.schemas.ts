import { z } from 'zod';

/** Where the collector reads metrics from (`METRICS_PROVIDER`). */
export const MetricsProvider = z.enum(['local', 'aws', 'gcp', 'prometheus', 'replay']);
export type MetricsProvider = z.infer<typeof MetricsProvider>;

export const Thresholds = z.object({ cpu: z.number(), mem: z.number() }).meta({ description: 'Percent' });

/** `GET /api/config`: the settings in force; never a secret (channels say only whether they are on). */
export const ConfigResponse = z
  .object({
    provider: MetricsProvider,
    thresholds: Thresholds,
    lookaheadMin: z.number(),
    renotifyMin: z.number(),
    pollIntervalSeconds: z.number(),
    channels: z.object({
      slack: z.boolean(),
      email: z.boolean(),
      alertmanager: z.boolean(),
      pagerduty: z.boolean(),
      webhook: z.boolean(),
    }),
    testAlertRequiresToken: z.boolean(),
  })
  .meta({ id: 'Config' });
export type ConfigResponse = z.infer<typeof ConfigResponse>;
