import { effectiveRule } from '@autoscale/config';
import type { AlertRules } from '@autoscale/config';
import type { ChannelName } from '@autoscale/contracts';
import { DEFAULT_ALERT_RULE_PARAMS } from '@autoscale/forecasting';
import type { AlertRuleParams } from '@autoscale/forecasting';
import type { AlerterConfig } from './config';

type Labels = Readonly<Record<string, string>>;

/**
 * The alert rule parameters and channels of each series: the variables, overridden by the
 * first matching entries of the rules file (by resource id, metric and the resource's labels). The threshold itself comes with each forecast
 * (the forecaster applies the same file).
 */
export function seriesRules(rules: AlertRules, config: AlerterConfig, configured: readonly ChannelName[]) {
  const defaults = {
    thresholds: { cpu: config.THRESHOLD_CPU, mem: config.THRESHOLD_MEM },
    lookaheadMin: config.ALERT_LOOKAHEAD_MIN,
    renotifyMin: config.ALERT_RENOTIFY_MIN,
  };
  const base: AlertRuleParams = { ...DEFAULT_ALERT_RULE_PARAMS, clearMin: config.ALERT_CLEAR_MIN };
  const ruleOf = (resourceId: string, metric: string, labels?: Labels) =>
    effectiveRule(rules, defaults, resourceId, metric === 'mem' ? 'mem' : 'cpu', labels);
  return {
    paramsFor(resourceId: string, metric: string, labels?: Labels): AlertRuleParams {
      const rule = ruleOf(resourceId, metric, labels);
      return { ...base, lookaheadMin: rule.lookaheadMin, renotifyMin: rule.renotifyMin };
    },
    channelsFor(resourceId: string, metric: string, labels?: Labels): readonly ChannelName[] {
      const wanted = ruleOf(resourceId, metric, labels).channels;
      return wanted ? configured.filter((c) => wanted.includes(c)) : configured;
    },
  };
}
