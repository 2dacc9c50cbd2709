import { z } from 'zod';
import {
  alertEnv,
  alertRulesEnv,
  channelEnv,
  pagerEnv,
  commonEnv,
  ConfigError,
  databaseEnv,
  leaseEnv,
  loadConfigOrExit,
  pollEnv,
  refusePlaceholderSecrets,
  thresholdEnv,
} from '@autoscale/config';
import { MetricsProvider } from '@autoscale/http-contract';
import { tokensOf } from './require-token.middleware';

export const GatewayEnv = z
  .object({
    ...commonEnv,
    ...databaseEnv,
    ...leaseEnv,
    ...thresholdEnv,
    ...alertEnv,
    ...alertRulesEnv,
    ...pollEnv,
    ...channelEnv,
    ...pagerEnv,
    METRICS_PROVIDER: MetricsProvider.default('local').describe("The collector's provider, shown by `/api/config`."),
    PORT: z.coerce.number().int().min(1).max(65535).default(8000).describe('HTTP port.'),
    /**
     * The single token of small setups, named `api-token` in the audit trail: when set, writes
     * (test alerts, silences, acks) require `Authorization: Bearer <API_TOKEN>`. At least 24
     * characters outside the demo (`openssl rand -hex 32`).
     */
    API_TOKEN: z
      .string()
      .min(8, 'use at least 8 characters')
      .optional()
      .describe(
        'Bearer token for writes (named `api-token` in the audit); at least 24 characters outside the demo: `openssl rand -hex 32`.',
      ),
    /**
     * Named tokens: a YAML/JSON file `tokens: [{ name: alice, sha256: <hex SHA-256 of her token> }]`.
     * Each write records the name of the token that made it (GET /api/audit).
     */
    API_TOKENS_FILE: z
      .string()
      .min(1)
      .optional()
      .describe(
        'YAML/JSON file of named tokens `tokens: [{name, sha256}]` (the hex SHA-256 of each token); writes are recorded by token name.',
      ),
    /** `writes`: tokens guard the writes only; `all`: every /api read too (health and the API description stay open). */
    API_AUTH: z
      .enum(['writes', 'all'])
      .default('writes')
      .describe(
        '`writes` (default): tokens guard changes only; `all`: every /api read needs a token too (except /api/health and the API description).',
      ),
    /** Metric rows and forecasts older than this, and resources unseen this long, are pruned; 0 keeps all. */
    METRICS_RETENTION_DAYS: z.coerce
      .number()
      .min(0)
      .max(3650)
      .default(14)
      .describe(
        'Metric rows and forecasts older than this, and resources not seen for this long, are deleted — at start and hourly, in batches of 5,000 rows, by one replica at a time; `0` keeps everything (use it when replaying files with their original timestamps).',
      ),
    /**
     * Origins allowed to call the API from a browser (`https://ops.example.com,http://localhost:5173`).
     * None by default: the dashboard is served by the gateway itself, from the same origin.
     */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.url({ protocol: /^https?$/, error: 'each origin must be an http(s) URL like https://ops.example.com' }),
        ),
      )
      .describe(
        'Comma-separated origins (`https://ops.example.com`) whose pages may call the API; the dashboard at `/` needs none.',
      ),
    /** `POST /api/test-alert` requests allowed per minute (per gateway process); beyond, 429. */
    TEST_ALERT_RATE_PER_MIN: z.coerce
      .number()
      .int()
      .min(1)
      .default(5)
      .describe('Test alerts per minute per gateway process; beyond, 429 with `Retry-After`.'),
    /** Where the drizzle-kit migrations are; defaults to the folder shipped beside the bundle. */
    MIGRATIONS_DIR: z
      .string()
      .optional()
      .describe('Where the drizzle-kit migrations are (default: beside the bundle).'),
  })
  .superRefine(refusePlaceholderSecrets);
export type GatewayConfig = z.infer<typeof GatewayEnv>;

/**
 * The gateway's configuration from `env`, and its tokens file read once: a bad variable or
 * token entry prints every problem (each naming its variable) and exits.
 */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): Readonly<GatewayConfig> {
  const config = loadConfigOrExit('api-gateway', GatewayEnv, env);
  try {
    tokensOf(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`api-gateway: ${error.message}\n`);
    process.exit(1);
  }
  return config;
}
