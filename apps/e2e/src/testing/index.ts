export { startService, stopService, systemEnv, withServiceLogs } from './services';
export type { RunningService } from './services';
export { launchChromium, TEST_RESULTS } from '@autoscale/testing';
export { flatForecast } from './flat-forecast';
