import { z } from 'zod';
import { commonEnv, leaseEnv, loadConfigOrExit, refusePlaceholderSecrets } from '@autoscale/config';
import { ScaleMode } from '@autoscale/contracts';

export const ScalerEnv = z
  .object({
    ...commonEnv,
    ...leaseEnv,
    SCALE_TARGETS_FILE: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe(
        'YAML or JSON file of scale targets (members, metric, target utilisation, min/max, lead, actuator); no file, no targets. Validated at start, errors name their line.',
      ),
    SCALE_MODE: ScaleMode.default('recommend').describe(
      '`off`: decide nothing; `recommend`: decide, record and show, touch nothing; `act`: also execute the decisions on the actuators.',
    ),
    SCALE_MEMBER_STALE_MIN: z.coerce
      .number()
      .positive()
      .default(15)
      .describe(
        'A member whose newest forecast is this much older than its group’s newest is left out of decisions (gone, or its forecasts stopped).',
      ),
    SCALE_ACTUATION_LEASE_SEC: z.coerce
      .number()
      .min(1)
      .default(60)
      .describe('Lease on an actuation job: a replica dying mid-call is taken over after it.'),
    SCALE_ACTUATION_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(4)
      .describe('Actuation jobs in flight per replica.'),
    SCALE_MEMBERS_REFRESH_SEC: z.coerce
      .number()
      .min(5)
      .default(60)
      .describe(
        'How often the members of aws-asg and gcp-mig targets are read again from their group, so new instances join the forecast.',
      ),
    SCALE_WEBHOOK_SECRET: z
      .string()
      .min(16)
      .optional()
      .describe(
        'HMAC secret signing webhook actuator requests (X-Autoscale-Signature); required when a target uses the webhook actuator.',
      ),
    SCALE_WEBHOOK_TIMEOUT_SEC: z.coerce
      .number()
      .positive()
      .default(10)
      .describe('Timeout of one webhook actuator request.'),
    AWS_REGION: z
      .string()
      .min(1)
      .optional()
      .describe('Region of aws-asg targets without their own `region` (else the SDK default chain).'),
    AWS_ENDPOINT_URL: z
      .url()
      .optional()
      .describe(
        'Read by the AWS SDK itself (as is AWS_ENDPOINT_URL_AUTO_SCALING): another Auto Scaling endpoint, e.g. a local stand-in; declared to validate it.',
      ),
    GCP_API_ENDPOINT: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe(
        '`host[:port]` for another Compute Engine HTTPS endpoint; `http://host:port` for an emulator (no credentials sent).',
      ),
  })
  .superRefine(refusePlaceholderSecrets);
export type ScalerConfig = z.infer<typeof ScalerEnv>;

export const loadScalerConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfigOrExit('scaler', ScalerEnv, env);
