import { createRoute } from '@hono/zod-openapi';
import { emailConfigured, pollIntervalMs } from '@autoscale/config';
import type { GatewayDeps } from '../deps';
import { apiRoutes } from '../openapi/api-routes';
import { ConfigResponse } from '../openapi/config.schemas';
import { tag } from '../openapi/tags';

const route = createRoute({
  method: 'get',
  path: '/',
  tags: tag('Settings'),
  summary: 'The settings in force',
  description: 'Provider, thresholds, lookahead, poll interval, which channels are on. Never a secret.',
  responses: { 200: { description: 'The settings', content: { 'application/json': { schema: ConfigResponse } } } },
});

/** `GET /api/config`: what the system is set to watch and where it alerts. Never a secret. */
export function configRoutes({ config }: GatewayDeps) {
  return apiRoutes().openapi(route, (c) =>
    c.json(
      {
        provider: config.METRICS_PROVIDER,
        thresholds: { cpu: config.THRESHOLD_CPU, mem: config.THRESHOLD_MEM },
        lookaheadMin: config.ALERT_LOOKAHEAD_MIN,
        renotifyMin: config.ALERT_RENOTIFY_MIN,
        pollIntervalSeconds: pollIntervalMs(config) / 1000,
        channels: {
          slack: Boolean(config.SLACK_WEBHOOK_URL),
          email: emailConfigured(config),
          alertmanager: (config.ALERTMANAGER_URL ?? []).length > 0,
          pagerduty: Boolean(config.PAGERDUTY_ROUTING_KEY),
          webhook: Boolean(config.WEBHOOK_URL),
        },
        testAlertRequiresToken: Boolean(config.API_TOKEN),
      },
      200,
    ),
  );
}
