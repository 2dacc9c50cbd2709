export { startService, stopService } from './services';
export type { RunningService } from './services';
