import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePrometheusInstalled, startPrometheus } from '@autoscale/testing';
import type { TestPrometheus } from '@autoscale/testing';
import { captureLogger } from '../../testing/capture.logger';
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

  it.each(['node', 'kubernetes-pods'] as const)('the %s preset is valid PromQL for a real Prometheus, with a selector', async (preset) => {
    const client = createPrometheusClient({ urls: [prom.url], auth: { kind: 'none' }, log: captureLogger().log });
    const queries = presetQueries({ preset, window: '5m', selector: 'job="node",env="prod"' });
    const range = { start: Date.now() - 60_000, end: Date.now(), stepSec: 15 };
    await expect(client.range(queries.cpu, range)).resolves.toEqual([]);
    await expect(client.range(queries.mem, range)).resolves.toEqual([]);
  });
});
