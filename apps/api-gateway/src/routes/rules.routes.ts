import { createRoute, z } from '@hono/zod-openapi';
import { effectiveRule, loadAlertRules } from '@autoscale/config';
import { MetricName, ResourceId } from '@autoscale/contracts';
import { findResource } from '@autoscale/db';
import type { GatewayDeps } from '../deps';
import { apiRoutes } from '../openapi/api-routes';
import { RulesResponse } from '../openapi/config.schemas';
import { ERRORS } from '../openapi/error.schemas';
import { tag } from '../openapi/tags';

const RulesQuery = z.object({
  resource_id: ResourceId.optional().openapi({ description: 'Also show the effective rule of this resource' }),
  metric: MetricName.optional().openapi({ description: 'The metric of the effective rule; default cpu' }),
});

const route = createRoute({
  method: 'get',
  path: '/',
  tags: tag('Settings'),
  summary: 'The alert rules in force',
  description:
    "The defaults from the variables and the rules file's entries in order (the first matching entry that sets a field wins); with `resource_id` also the effective rule of that series, as the forecaster and alerter apply it.",
  request: { query: RulesQuery },
  responses: {
    200: { description: 'The rules', content: { 'application/json': { schema: RulesResponse } } },
    400: ERRORS.badRequest,
    503: ERRORS.unavailable,
  },
});

/**
 * `GET /api/rules`: the alert rules in force — the defaults from the variables and the
 * rules file's entries in order (the first matching entry that sets a field wins). With
 * `?resource_id=&metric=` also the effective rule of that series, as the forecaster and
 * alerter apply it.
 */
export function rulesRoutes({ config, db }: GatewayDeps) {
  // main.ts has validated the file at start (loadAlertRulesOrExit).
  const rules = loadAlertRules(config.ALERT_RULES_FILE);
  const defaults = {
    thresholds: { cpu: config.THRESHOLD_CPU, mem: config.THRESHOLD_MEM },
    lookaheadMin: config.ALERT_LOOKAHEAD_MIN,
    renotifyMin: config.ALERT_RENOTIFY_MIN,
  };
  return apiRoutes().openapi(route, async (c) => {
    const q = c.req.valid('query');
    // Rules may match the resource's labels: those of its newest sample.
    const labels = q.resource_id ? ((await findResource(db, q.resource_id, c.req.raw.signal))?.labels ?? {}) : {};
    const effective = q.resource_id
      ? effectiveRule(rules, defaults, q.resource_id, q.metric ?? 'cpu', labels)
      : undefined;
    return c.json({ file: config.ALERT_RULES_FILE ?? null, defaults, rules, ...(effective ? { effective } : {}) }, 200);
  });
}
