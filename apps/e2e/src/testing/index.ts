export { startService, stopService, systemEnv } from './services';
export type { RunningService } from './services';
