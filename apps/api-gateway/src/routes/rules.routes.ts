import { Hono } from 'hono';
import { z } from 'zod';
import { effectiveRule, loadAlertRules } from '@autoscale/config';
import { MetricName, ResourceId } from '@autoscale/contracts';
import { parseQuery } from '../api-error';
import type { GatewayDeps } from '../deps';

const RulesQuery = z.object({ resource_id: ResourceId.optional(), metric: MetricName.optional() });

/**
 * `GET /api/rules`: the alert rules in force — the defaults from the variables and the
 * rules file's entries in order (the first matching entry that sets a field wins). With
 * `?resource_id=&metric=` also the effective rule of that series, as the forecaster and
 * alerter apply it.
 */
export function rulesRoutes({ config }: GatewayDeps) {
  // main.ts has validated the file at start (loadAlertRulesOrExit).
  const rules = loadAlertRules(config.ALERT_RULES_FILE);
  const defaults = {
    thresholds: { cpu: config.THRESHOLD_CPU, mem: config.THRESHOLD_MEM },
    lookaheadMin: config.ALERT_LOOKAHEAD_MIN,
    renotifyMin: config.ALERT_RENOTIFY_MIN,
  };
  return new Hono().get('/', (c) => {
    const q = parseQuery(c, RulesQuery);
    const effective = q.resource_id ? effectiveRule(rules, defaults, q.resource_id, q.metric ?? 'cpu') : undefined;
    return c.json({ file: config.ALERT_RULES_FILE ?? null, defaults, rules, ...(effective ? { effective } : {}) });
  });
}
