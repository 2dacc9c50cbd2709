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
export { refusePlaceholderSecrets, secretProblem, SECRET_VARIABLES, MIN_SECRET_LENGTH } from './secret-rules';
export { parseYamlFile, readConfigFile } from './yaml-file';
export {
  parseScaleTargets,
  loadScaleTargets,
  loadScaleTargetsOrExit,
  ScaleTargetsFile,
  Actuator,
} from './scale-targets';
export type { ScaleTarget, ActuatorType } from './scale-targets';
export { parseApiEndpoint } from './api-endpoint';
