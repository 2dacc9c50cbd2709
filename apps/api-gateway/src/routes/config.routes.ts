import { Hono } from 'hono';
import { emailConfigured, pollIntervalMs } from '@autoscale/config';
import type { GatewayDeps } from '../deps';

/** `GET /api/config`: what the system is set to watch and where it alerts. Never a secret. */
export function configRoutes({ config }: GatewayDeps) {
  return new Hono().get('/', (c) =>
    c.json({
      provider: config.METRICS_PROVIDER,
      thresholds: { cpu: config.THRESHOLD_CPU, mem: config.THRESHOLD_MEM },
      lookaheadMin: config.ALERT_LOOKAHEAD_MIN,
      renotifyMin: config.ALERT_RENOTIFY_MIN,
      pollIntervalSeconds: pollIntervalMs(config) / 1000,
      channels: { slack: Boolean(config.SLACK_WEBHOOK_URL), email: emailConfigured(config) },
      testAlertRequiresToken: Boolean(config.API_TOKEN),
    }),
  );
}
