import { readFileSync } from 'node:fs';
import type { Counters, Logger } from '@autoscale/observability';
import type { CollectorConfig } from '../../config';
import type { PolledProvider } from '../provider';
import { createPrometheusClient } from './prometheus.client';
import type { PrometheusAuth } from './prometheus.client';
import { presetQueries } from './prometheus-presets';
import { createPrometheusProvider } from './prometheus.provider';

/**
 * The Prometheus provider the PROMETHEUS_* variables describe. Only the servers' origins and
 * the preset are logged: tokens, passwords and the CA stay out of the logs.
 *
 * @example
 * const provider = createPrometheusFromConfig(loadCollectorConfig(), log, counters);
 */
export function createPrometheusFromConfig(config: CollectorConfig, log: Logger, counters?: Counters): PolledProvider {
  const urls = config.PROMETHEUS_URL ?? [];
  const queries = presetQueries({
    preset: config.PROMETHEUS_PRESET,
    selector: config.PROMETHEUS_SELECTOR,
    window: config.PROMETHEUS_RATE_WINDOW,
    custom:
      config.PROMETHEUS_CPU_QUERY && config.PROMETHEUS_MEM_QUERY && config.PROMETHEUS_RESOURCE_LABEL
        ? {
            cpu: config.PROMETHEUS_CPU_QUERY,
            mem: config.PROMETHEUS_MEM_QUERY,
            resourceLabel: config.PROMETHEUS_RESOURCE_LABEL,
          }
        : undefined,
  });
  const client = createPrometheusClient({
    urls,
    auth: authFrom(config),
    ca: config.PROMETHEUS_CA_FILE ? readFileSync(config.PROMETHEUS_CA_FILE, 'utf8') : undefined,
    log,
  });
  log.info(
    {
      servers: urls.map((u) => new URL(u).origin),
      preset: config.PROMETHEUS_PRESET,
      resourceLabels: queries.resourceLabels,
    },
    'reading metrics from Prometheus',
  );
  return createPrometheusProvider({ client, queries, intervalMs: config.intervalMs, log, counters });
}

function authFrom(config: CollectorConfig): PrometheusAuth {
  if (config.PROMETHEUS_BEARER_TOKEN) return { kind: 'bearer', token: config.PROMETHEUS_BEARER_TOKEN };
  if (config.PROMETHEUS_USERNAME)
    return { kind: 'basic', username: config.PROMETHEUS_USERNAME, password: config.PROMETHEUS_PASSWORD ?? '' };
  return { kind: 'none' };
}
