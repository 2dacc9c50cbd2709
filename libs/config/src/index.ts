export { parseConfig, loadConfigOrExit, ConfigError } from './load-config';
export {
  commonEnv,
  leaseEnv,
  thresholdEnv,
  pollEnv,
  pollIntervalMs,
  databaseEnv,
  alertEnv,
  alertRulesEnv,
  channelEnv,
  pagerEnv,
  emailConfigured,
} from './common-env';
export { parseAlertRules, loadAlertRules, loadAlertRulesOrExit, effectiveRule, AlertRulesFile } from './alert-rules';
export type { AlertRule, AlertRules, EffectiveRule, RuleDefaults } from './alert-rules';
