export { parseConfig, loadConfigOrExit, ConfigError } from './load-config';
export {
  commonEnv,
  leaseEnv,
  thresholdEnv,
  pollEnv,
  pollIntervalMs,
  databaseEnv,
  alertEnv,
  channelEnv,
  emailConfigured,
} from './common-env';
