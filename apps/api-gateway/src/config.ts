import { z } from 'zod';
import {
  alertEnv,
  alertRulesEnv,
  channelEnv,
  commonEnv,
  databaseEnv,
  leaseEnv,
  loadConfigOrExit,
  pollEnv,
  thresholdEnv,
} from '@autoscale/config';

export const GatewayEnv = z.object({
  ...commonEnv,
  ...databaseEnv,
  ...leaseEnv,
  ...thresholdEnv,
  ...alertEnv,
  ...alertRulesEnv,
  ...pollEnv,
  ...channelEnv,
  METRICS_PROVIDER: z.enum(['local', 'aws', 'gcp', 'replay']).default('local'),
  PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  /** When set, `POST /api/test-alert` requires `Authorization: Bearer <API_TOKEN>`. */
  API_TOKEN: z.string().min(8, 'use at least 8 characters').optional(),
  /** Metric rows and forecasts older than this, and resources unseen this long, are pruned; 0 keeps all. */
  METRICS_RETENTION_DAYS: z.coerce.number().min(0).max(3650).default(14),
  /**
   * Origins allowed to call the API from a browser (`https://ops.example.com,http://localhost:5173`).
   * None by default: the dashboard is served by the gateway itself, from the same origin.
   */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'each origin must be an http(s) URL like https://ops.example.com' }))),
  /** `POST /api/test-alert` requests allowed per minute (per gateway process); beyond, 429. */
  TEST_ALERT_RATE_PER_MIN: z.coerce.number().int().min(1).default(5),
  /** Where the drizzle-kit migrations are; defaults to the folder shipped beside the bundle. */
  MIGRATIONS_DIR: z.string().optional(),
});
export type GatewayConfig = z.infer<typeof GatewayEnv>;

export const loadGatewayConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfigOrExit('api-gateway', GatewayEnv, env);
