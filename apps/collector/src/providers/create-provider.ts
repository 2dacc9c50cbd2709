import type { CollectorConfig } from '../config';
import { createLocalProvider } from './local/local.provider';
import type { MetricsProvider } from './provider';

/** At most this many history samples per simulated resource, whatever the interval. */
const MAX_SIM_HISTORY_SAMPLES = 720;

const factories: Record<CollectorConfig['METRICS_PROVIDER'], (config: CollectorConfig) => MetricsProvider> = {
  local: (config) =>
    createLocalProvider({
      simResources: config.SIM_RESOURCES,
      simSeed: config.SIM_SEED,
      intervalMs: config.intervalMs,
      maxHistorySamples: MAX_SIM_HISTORY_SAMPLES,
    }),
  aws: () => {
    throw new Error('METRICS_PROVIDER=aws is not available in this build');
  },
  gcp: () => {
    throw new Error('METRICS_PROVIDER=gcp is not available in this build');
  },
  replay: () => {
    throw new Error('METRICS_PROVIDER=replay is not available in this build');
  },
};

export const createProvider = (config: CollectorConfig): MetricsProvider => factories[config.METRICS_PROVIDER](config);
