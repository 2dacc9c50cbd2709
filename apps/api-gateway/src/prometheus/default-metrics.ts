import { collectDefaultMetrics, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';

/**
 * prom-client's default process and Node.js metrics, minus the gauges it names with a
 * counter's `_total` suffix (`nodejs_active_handles_total`, `…_requests_total`,
 * `…_resources_total`), which `promtool check metrics` rejects. Each is the sum of the
 * same-named gauge by type (`sum(nodejs_active_handles)`), so nothing is lost.
 *
 * @example
 * const registry = new Registry();
 * registerDefaultMetrics(registry);
 */
export function registerDefaultMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
  for (const metric of registry.getMetricsAsArray()) {
    const name = (metric as { name?: string }).name ?? '';
    if (metric instanceof Gauge && name.endsWith('_total')) registry.removeSingleMetric(name);
  }
}
