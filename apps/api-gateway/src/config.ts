import { z } from 'zod';
import {
  alertEnv,
  alertRulesEnv,
  channelEnv,
  commonEnv,
  databaseEnv,
  loadConfigOrExit,
  pollEnv,
  thresholdEnv,
} from '@autoscale/config';

export const GatewayEnv = z.object({
  ...commonEnv,
  ...databaseEnv,
  ...thresholdEnv,
  ...alertEnv,
  ...alertRulesEnv,
  ...pollEnv,
  ...channelEnv,
  METRICS_PROVIDER: z.enum(['local', 'aws', 'gcp', 'replay']).default('local'),
  PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  /** When set, `POST /api/test-alert` requires `Authorization: Bearer <API_TOKEN>`. */
  API_TOKEN: z.string().min(8, 'use at least 8 characters').optional(),
  /** `POST /api/test-alert` requests allowed per minute (per gateway process); beyond, 429. */
  TEST_ALERT_RATE_PER_MIN: z.coerce.number().int().min(1).default(5),
  /** Where the drizzle-kit migrations are; defaults to the folder shipped beside the bundle. */
  MIGRATIONS_DIR: z.string().optional(),
});
export type GatewayConfig = z.infer<typeof GatewayEnv>;

export const loadGatewayConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfigOrExit('api-gateway', GatewayEnv, env);
