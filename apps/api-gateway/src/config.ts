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
import { MetricsProvider } from '@autoscale/http-contract';

export const GatewayEnv = z.object({
  ...commonEnv,
  ...databaseEnv,
  ...thresholdEnv,
  ...alertEnv,
  ...alertRulesEnv,
  ...pollEnv,
  ...channelEnv,
  METRICS_PROVIDER: MetricsProvider.default('local').describe('The collector\'s provider, shown by `/api/config`.'),
  PORT: z.coerce.number().int().min(1).max(65535).default(8000).describe('HTTP port.'),
  /** When set, `POST /api/test-alert` requires `Authorization: Bearer <API_TOKEN>`. */
  API_TOKEN: z.string().min(8, 'use at least 8 characters').optional().describe('When set (8+ characters), test alerts, silences and acks need `Authorization: Bearer <token>`.'),
  /** Metric rows and forecasts older than this, and resources unseen this long, are pruned; 0 keeps all. */
  METRICS_RETENTION_DAYS: z.coerce.number().min(0).max(3650).default(14).describe('Metric rows and forecasts older than this, and resources not seen for this long, are deleted — at start and hourly, in batches of 5,000 rows, by one replica at a time; `0` keeps everything (use it when replaying files with their original timestamps).'),
  /**
   * Origins allowed to call the API from a browser (`https://ops.example.com,http://localhost:5173`).
   * None by default: the dashboard is served by the gateway itself, from the same origin.
   */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'each origin must be an http(s) URL like https://ops.example.com' }))).describe('Comma-separated origins (`https://ops.example.com`) whose pages may call the API; the dashboard at `/` needs none.'),
  /** `POST /api/test-alert` requests allowed per minute (per gateway process); beyond, 429. */
  TEST_ALERT_RATE_PER_MIN: z.coerce.number().int().min(1).default(5).describe('Test alerts per minute per gateway process; beyond, 429 with `Retry-After`.'),
  /** Where the drizzle-kit migrations are; defaults to the folder shipped beside the bundle. */
  MIGRATIONS_DIR: z.string().optional().describe('Where the drizzle-kit migrations are (default: beside the bundle).'),
});
export type GatewayConfig = z.infer<typeof GatewayEnv>;

export const loadGatewayConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfigOrExit('api-gateway', GatewayEnv, env);
