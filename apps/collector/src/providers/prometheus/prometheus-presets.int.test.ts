import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePrometheusInstalled, startPrometheus } from '@autoscale/testing';
import type { TestPrometheus } from '@autoscale/testing';
import { captureLogger } from '@autoscale/testing';
import { createPrometheusClient } from './prometheus.client';
import { presetQueries } from './prometheus-presets';

describe('prometheus presets', () => {
  let prom: TestPrometheus;
  beforeAll(async () => {
    ensurePrometheusInstalled();
    prom = await startPrometheus({ jobs: [] });
  });
  afterAll(async () => {
    await prom?.stop();
    await prom?.cleanup();
  });

  it.each(['node', 'kubernetes-pods'] as const)(
    'the %s preset is valid PromQL for a real Prometheus, with a selector',
    async (preset) => {
      const client = createPrometheusClient({ urls: [prom.url], auth: { kind: 'none' }, log: captureLogger().log });
      const queries = presetQueries({ preset, window: '5m', selector: 'job="node",env="prod"' });
      const range = { start: Date.now() - 60_000, end: Date.now(), stepSec: 15 };
      await expect(client.range(queries.cpu, range)).resolves.toEqual([]);
      await expect(client.range(queries.mem, range)).resolves.toEqual([]);
    },
  );

  it.each(['namespace="shop"', undefined])(
    'fills {{selector}} of a custom query (docs/providers.md example) with %s',
    async (selector) => {
      const client = createPrometheusClient({ urls: [prom.url], auth: { kind: 'none' }, log: captureLogger().log });
      const byDeployment = (metric: string) =>
        `label_replace(${metric}, "deployment", "$1", "pod", "(.*)-[^-]+-[^-]+")`;
      const cpu = `100 * sum by (deployment) (${byDeployment('rate(container_cpu_usage_seconds_total{container!="",{{selector}}}[5m])')}) / sum by (deployment) (${byDeployment('kube_pod_container_resource_limits{resource="cpu",{{selector}}}')})`;
      const queries = presetQueries({
        preset: 'custom',
        window: '5m',
        selector,
        custom: { cpu, mem: 'up{ {{selector}} }', resourceLabel: 'deployment' },
      });
      const range = { start: Date.now() - 60_000, end: Date.now(), stepSec: 15 };
      await expect(client.range(queries.cpu, range)).resolves.toEqual([]);
      await expect(client.range(queries.mem, range)).resolves.toBeDefined();
    },
  );
});
