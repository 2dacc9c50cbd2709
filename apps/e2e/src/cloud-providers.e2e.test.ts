import { afterEach, describe, expect, it } from 'vitest';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { eventually, freePort, getJson, startFakeCloudWatch, startFakeMonitoring } from '@autoscale/testing';
import { startService, stopService, systemEnv } from './testing/index';
import type { RunningService } from './testing/index';

const MINUTE = 60_000;

/** Two hours of one-minute points: a steady climb from `from` by `perMin` a minute. */
function climbing(from: number, perMin: number) {
  const end = Math.floor(Date.now() / MINUTE) * MINUTE;
  return Array.from({ length: 120 }, (_, i) => ({ ts: new Date(end - (119 - i) * MINUTE), value: from + perMin * i }));
}

type Metrics = {
  resourceId: string;
  memoryAvailable: boolean;
  points: Array<{ cpu: number | null; mem: number | null }>;
};
type Forecasts = { forecasts: Array<{ resourceId: string; metric: string; model: string }> };

describe('the running system on a cloud provider', () => {
  let bus: TestBus | undefined;
  let database: ReturnType<typeof testDatabaseUrl> | undefined;
  const services: RunningService[] = [];
  const cleanups: Array<() => Promise<void>> = [];

  afterEach(async () => {
    await Promise.all(services.splice(0).map(stopService));
    await Promise.all([bus?.cleanup(), database?.drop(), ...cleanups.splice(0).map((c) => c())]);
  });

  async function startSystem(providerEnv: Record<string, string>) {
    bus = await createTestBus();
    database = testDatabaseUrl();
    const port = await freePort();
    const env = {
      ...systemEnv(bus, database.url, port),
      POLL_INTERVAL_MINUTES: '1',
      BACKFILL_HOURS: '2',
      ...providerEnv,
    };
    for (const name of ['api-gateway', 'forecaster', 'collector']) services.push(startService(name, env));
    return `http://127.0.0.1:${port}/api`;
  }

  async function expectMetricsAndForecasts(api: string, withMemory: string, cpuOnly?: string) {
    const metrics = await eventually(
      `metrics of ${withMemory}`,
      async () => {
        const res = await getJson<Metrics>(`${api}/metrics?resource_id=${withMemory}&range=6h`);
        return res.status === 200 && res.body.points.length >= 100 ? res.body : undefined;
      },
      90_000,
    );
    expect(metrics.memoryAvailable).toBe(true);
    expect(metrics.points.every((p) => p.cpu !== null && p.mem !== null)).toBe(true);

    if (cpuOnly) {
      const cpu = await eventually(
        `metrics of ${cpuOnly}`,
        async () => {
          const res = await getJson<Metrics>(`${api}/metrics?resource_id=${cpuOnly}&range=6h`);
          return res.status === 200 && res.body.points.length >= 100 ? res.body : undefined;
        },
        90_000,
      );
      expect(cpu.memoryAvailable).toBe(false);
      expect(cpu.points.every((p) => p.cpu !== null && p.mem === null)).toBe(true);
    }

    const forecasts = await eventually(
      `forecasts for ${withMemory}`,
      async () => {
        const res = await getJson<Forecasts>(`${api}/forecast?resource_id=${withMemory}`);
        return res.status === 200 && res.body.forecasts.length === 2 ? res.body.forecasts : undefined;
      },
      90_000,
    );
    expect(forecasts.map((f) => f.metric).sort()).toEqual(['cpu', 'mem']);
  }

  it('METRICS_PROVIDER=aws with AWS_ENDPOINT_URL: CPU and memory per instance, and forecasts', async () => {
    const cloudwatch = await startFakeCloudWatch({
      datapoints: (m) => {
        if (m.namespace === 'CWAgent') return m.dimensions['InstanceId'] === 'i-0aaa111' ? climbing(40, 0.2) : [];
        return climbing(20, 0.3);
      },
      pageSize: 100,
    });
    cleanups.push(() => cloudwatch.close());
    const api = await startSystem({
      METRICS_PROVIDER: 'aws',
      AWS_REGION: 'eu-west-1',
      AWS_RESOURCE_IDS: 'i-0aaa111,i-0bbb222',
      AWS_ENDPOINT_URL: cloudwatch.url,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    await expectMetricsAndForecasts(api, 'i-0aaa111', 'i-0bbb222');
    expect(cloudwatch.requests.length).toBeGreaterThan(0);
  });

  it('METRICS_PROVIDER=gcp with GCP_API_ENDPOINT: CPU (fraction → percent) and memory, and forecasts', async () => {
    const monitoring = await startFakeMonitoring({
      project: 'demo-project',
      instances: [{ id: '4242424242', zone: 'europe-west4-a', name: 'api-1' }],
      points: (type) => (type.includes('cpu') ? climbing(0.2, 0.003) : climbing(50, 0.1)),
    });
    cleanups.push(() => monitoring.close());
    const api = await startSystem({
      METRICS_PROVIDER: 'gcp',
      GCP_PROJECT_ID: 'demo-project',
      GCP_INSTANCE_IDS: '4242424242',
      GCP_API_ENDPOINT: monitoring.endpoint,
    });
    await expectMetricsAndForecasts(api, '4242424242');
    const { body } = await getJson<Metrics>(`${api}/metrics?resource_id=4242424242&range=6h`);
    // 0.2 + 0.003/min as a fraction is 20 %…56 %: percent, not a fraction.
    expect(Math.max(...body.points.map((p) => p.cpu ?? 0))).toBeGreaterThan(20);
  });
});
