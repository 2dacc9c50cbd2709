import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJetStream, ensureBus, publishEvent, registerService } from '@autoscale/bus';
import { createCounters } from '@autoscale/observability';
import { createTestGateway } from '../testing/test-gateway';
import type { TestGateway } from '../testing/test-gateway';

let gateway: TestGateway;
let app: ReturnType<TestGateway['app']>;

beforeAll(async () => {
  gateway = await createTestGateway();
  await ensureBus(gateway.bus.nc, gateway.bus.names, { replicas: 1 });
  app = gateway.app();
});
afterAll(() => gateway?.close());

const scrape = async () => {
  const res = await app.request('/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

describe('GET /metrics', () => {
  it("counts HTTP requests by method, route pattern and status, a known route's 404 and 405 included", async () => {
    await app.request('/api/config');
    await app.request('/api/alerts?limit=0');
    await app.request('/api/no-such-thing');
    await app.request('/api/config', { method: 'DELETE' });
    await app.request('/api/silences/no-such-silence', { method: 'DELETE' });
    await app.request('/api/forecast?resource_id=never-sampled');

    const text = await scrape();
    expect(text).toContain('http_requests_total{method="GET",route="/api/config",status="200"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="/api/alerts",status="400"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('http_requests_total{method="DELETE",route="/api/config",status="405"} 1');
    expect(text).toMatch(/http_requests_total\{method="DELETE",route="\/api\/silences\/:id",status="(401|404)"\} 1/);
    expect(text).toContain('http_requests_total{method="GET",route="/api/forecast",status="404"} 1');
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/config",status="200"\} \d/,
    );
  });

  it("shows every running service's counters gathered over NATS, and which services are down", async () => {
    const counters = createCounters();
    counters.inc('published', 12);
    counters.inc('terminated', 2);
    const collector = await registerService(gateway.bus.nc, gateway.bus.names, 'collector', counters);
    try {
      const text = await scrape();
      expect(text).toMatch(/autoscale_events_total\{service="collector",instance="[^"]+",counter="published"\} 12/);
      expect(text).toMatch(/autoscale_events_total\{service="collector",instance="[^"]+",counter="terminated"\} 2/);
      expect(text).toContain('autoscale_service_up{service="collector"} 1');
      expect(text).toContain('autoscale_service_up{service="alerter"} 0');
    } finally {
      await collector.stop();
    }
  });

  it('shows the lag of each durable consumer', async () => {
    const js = createJetStream(gateway.bus.nc);
    const sample = {
      v: 1,
      provider: 'local',
      resourceId: 'web-1',
      ts: '2026-01-01T00:00:00.000Z',
      metrics: { cpu: 10 },
    };
    for (let i = 0; i < 3; i++) {
      await publishEvent(
        js,
        gateway.bus.names.subjects.metricSampled('local', 'web-1'),
        { ...sample, ts: `2026-01-01T00:0${i}:00.000Z` },
        `m${i}`,
      );
    }

    const text = await scrape();
    const stream = gateway.bus.names.streams.metrics;
    expect(text).toContain(`autoscale_consumer_pending_messages{stream="${stream}",consumer="gateway-metrics"} 3`);
    const forecaster = gateway.bus.names.durables.forecaster(gateway.bus.names.partitionOf('web-1'));
    expect(text).toContain(`autoscale_consumer_pending_messages{stream="${stream}",consumer="${forecaster}"} 3`);
  });

  it('passes promtool check metrics', async () => {
    execFileSync('bash', [`${ROOT}scripts/ensure-prometheus.sh`], { stdio: 'inherit' });
    await app.request('/api/config');
    const text = await scrape();
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`.trim()).toBe('');
    expect(check.status).toBe(0);
  });
});
