import { createLogger } from '@autoscale/observability';
import type { Counters, Logger } from '@autoscale/observability';
import type { CollectorConfig } from '../config';
import { createAwsProvider } from './aws/aws.provider';
import { createGcpProvider } from './gcp/gcp.provider';
import { createLocalProvider } from './local/local.provider';
import type { MetricsProvider } from './provider';
import { createReplayProvider } from './replay/replay.provider';
import { createPrometheusFromConfig } from './prometheus/prometheus-from-config';

/** At most this many history samples per simulated resource, whatever the interval. */
const MAX_SIM_HISTORY_SAMPLES = 720;

type Factory = (config: CollectorConfig, log: Logger, counters?: Counters) => MetricsProvider;

/** The config's superRefine guarantees these for the provider that needs them; this says so to the types. */
function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`${name} is required for METRICS_PROVIDER`);
  return value;
}

const factories: Record<CollectorConfig['METRICS_PROVIDER'], Factory> = {
  local: (config) =>
    createLocalProvider({
      hostId: config.LOCAL_RESOURCE_ID,
      simResources: config.SIM_RESOURCES,
      simSeed: config.SIM_SEED,
      simRampAll: config.SIM_RAMP_ALL,
      intervalMs: config.intervalMs,
      maxHistorySamples: MAX_SIM_HISTORY_SAMPLES,
    }),
  aws: (config, log) => {
    if (config.AWS_ENDPOINT_URL)
      log.info({ endpoint: config.AWS_ENDPOINT_URL }, 'CloudWatch endpoint overridden by AWS_ENDPOINT_URL');
    return createAwsProvider({
      region: required(config.AWS_REGION, 'AWS_REGION'),
      resourceIds: required(config.AWS_RESOURCE_IDS, 'AWS_RESOURCE_IDS'),
      intervalMs: config.intervalMs,
      maxAttempts: config.AWS_MAX_ATTEMPTS,
      metrics: {
        cpu: {
          namespace: config.AWS_CPU_NAMESPACE,
          metricName: config.AWS_CPU_METRIC,
          dimension: config.AWS_CPU_DIMENSION,
        },
        mem: {
          namespace: config.AWS_MEM_NAMESPACE,
          metricName: config.AWS_MEM_METRIC,
          dimension: config.AWS_MEM_DIMENSION,
        },
      },
      log,
    });
  },
  gcp: (config, log) =>
    createGcpProvider({
      projectId: required(config.GCP_PROJECT_ID, 'GCP_PROJECT_ID'),
      instanceIds: required(config.GCP_INSTANCE_IDS, 'GCP_INSTANCE_IDS'),
      intervalMs: config.intervalMs,
      apiEndpoint: config.GCP_API_ENDPOINT,
      log,
    }),
  prometheus: createPrometheusFromConfig,
  replay: (config, log) =>
    createReplayProvider({
      files: required(config.REPLAY_FILES, 'REPLAY_FILES'),
      speed: config.REPLAY_SPEED,
      start:
        config.REPLAY_START === 'now' || config.REPLAY_START === 'original'
          ? config.REPLAY_START
          : new Date(config.REPLAY_START),
      log,
    }),
};

/**
 * The provider METRICS_PROVIDER names, built from the parsed configuration. `log` defaults to
 * a collector logger of its own; main.ts may pass the service's logger instead.
 *
 * @example
 * const provider = createProvider(loadCollectorConfig(), log);
 */
export const createProvider = (
  config: CollectorConfig,
  log: Logger = createLogger('collector', config.LOG_LEVEL),
  counters?: Counters,
): MetricsProvider => factories[config.METRICS_PROVIDER](config, log, counters);
