import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCounters } from '@autoscale/observability';
import { runCollector } from '../collector';
import { loadCollectorConfig } from '../config';
import type { SamplePublisher } from '../sample-publisher';
import { captureLogger } from '@autoscale/testing';
import { startFakeCloudWatch } from '@autoscale/testing';
import { startFakeMonitoring } from '@autoscale/testing';
import { createProvider } from './create-provider';
import type { ResourceSample } from './provider';

const NAB = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../data/nab');
const MINUTE = 60_000;

/** Raw per-minute points for the last two hours, up to a minute ago. */
const recent = (value: number) =>
  Array.from({ length: 120 }, (_, k) => ({ ts: new Date(Date.now() - (k + 1) * MINUTE), value }));

/**
 * Runs the real collector loop over the provider METRICS_PROVIDER names, publishing into a
 * list, until the first live poll is done (or a streaming provider is exhausted).
 */
async function collect(env: Record<string, string>) {
  const config = loadCollectorConfig({ POLL_INTERVAL_MINUTES: '1', BACKFILL_HOURS: '1', ...env });
  const { log, lines } = captureLogger();
  const counters = createCounters();
  const provider = createProvider(config, log);
  const published: ResourceSample[] = [];
  const publisher: SamplePublisher = {
    publish: async (sample) => {
      published.push(sample);
      return true;
    },
    lastPublished: async () => null,
  };
  const abort = new AbortController();
  const watch = setInterval(() => counters.get('polls') > 0 && abort.abort(), 10);
  try {
    await runCollector(
      { provider, publisher, intervalMs: config.intervalMs, backfillHours: config.BACKFILL_HOURS, log, counters },
      abort.signal,
    );
  } finally {
    clearInterval(watch);
    await provider.close?.();
  }
  return { published, lines, counters };
}

describe('createProvider under the collector', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('METRICS_PROVIDER=local with LOCAL_RESOURCE_ID: the host is published under that id (a node name survives pod rollouts)', async () => {
    const { published, counters } = await collect({
      METRICS_PROVIDER: 'local',
      SIM_RESOURCES: '0',
      LOCAL_RESOURCE_ID: 'node-a.eu-west-1.internal',
    });

    expect(counters.get('polls')).toBe(1);
    expect(published.length).toBeGreaterThan(0);
    expect(new Set(published.map((s) => s.resourceId))).toEqual(new Set(['node-a.eu-west-1.internal']));
  });

  it('METRICS_PROVIDER=aws with AWS_ENDPOINT_URL: backfills the last hour, then polls, CPU and memory per instance', async () => {
    const cloudwatch = await startFakeCloudWatch({
      datapoints: (m) =>
        m.dimensions.InstanceId === 'i-0b2' && m.namespace === 'CWAgent'
          ? []
          : recent(m.namespace === 'CWAgent' ? 70 : 30),
    });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
    vi.stubEnv('AWS_ENDPOINT_URL', cloudwatch.url);
    try {
      const { published, counters } = await collect({
        METRICS_PROVIDER: 'aws',
        AWS_REGION: 'us-east-1',
        AWS_RESOURCE_IDS: 'i-0a1,i-0b2',
      });

      expect(counters.get('polls')).toBe(1);
      const a = published.filter((s) => s.resourceId === 'i-0a1');
      const b = published.filter((s) => s.resourceId === 'i-0b2');
      expect(a.length).toBeGreaterThanOrEqual(55);
      expect(a.every((s) => s.metrics.cpu === 30 && s.metrics.mem === 70)).toBe(true);
      expect(b.every((s) => s.metrics.cpu === 30 && !('mem' in s.metrics))).toBe(true);
      expect(published.every((s) => s.ts.getTime() % MINUTE === 0)).toBe(true);
      expect(cloudwatch.requests.map((r) => r.queries[0]?.MetricStat?.Period)).toEqual([60, 60]);
    } finally {
      await cloudwatch.close();
    }
  });

  it('METRICS_PROVIDER=gcp with GCP_API_ENDPOINT: backfills the last hour, then polls, CPU in percent', async () => {
    const monitoring = await startFakeMonitoring({
      project: 'demo',
      instances: [{ id: '42', zone: 'europe-west4-a', name: 'api' }],
      points: (type) => recent(type.includes('cpu') ? 0.35 : 64),
    });
    try {
      const { published, counters } = await collect({
        METRICS_PROVIDER: 'gcp',
        GCP_PROJECT_ID: 'demo',
        GCP_INSTANCE_IDS: '42',
        GCP_API_ENDPOINT: monitoring.endpoint,
      });

      expect(counters.get('polls')).toBe(1);
      expect(published.length).toBeGreaterThanOrEqual(55);
      expect(published.every((s) => s.resourceId === '42' && s.metrics.cpu === 35 && s.metrics.mem === 64)).toBe(true);
    } finally {
      await monitoring.close();
    }
  });

  it('METRICS_PROVIDER=replay at max speed publishes every line of the NAB asg recording, then the collector idles', async () => {
    const { published, lines } = await collect({
      METRICS_PROVIDER: 'replay',
      REPLAY_FILES: resolve(NAB, 'cpu_utilization_asg_misconfiguration.csv'),
      REPLAY_SPEED: 'max',
    });

    expect(published).toHaveLength(18_050);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['replay finished', 'provider exhausted']));
  });
});
