import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricSampledEvent, PIPELINE_SERVICES } from '@autoscale/contracts';
import { publish, registerService, trackConsumerProgress } from '@autoscale/bus';
import { upsertMetricSample } from '@autoscale/db';
import { createCounters } from '@autoscale/observability';
import { createTestGateway } from './testing/test-gateway';
import type { TestGateway } from './testing/test-gateway';

const SECRETS = {
  SMTP_PASS: 'smtp-pass-value-7f3a',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.test/services/T000/B000/slack-secret-91c2',
  API_TOKEN: 'api-token-value-5d8e-0b7c41a9f2',
};

type ErrorBody = { error: { code: string; message: string } };

let gateway: TestGateway;
let app: ReturnType<TestGateway['app']>;

beforeAll(async () => {
  gateway = await createTestGateway();
  app = gateway.app({
    METRICS_PROVIDER: 'aws',
    THRESHOLD_CPU: '85',
    THRESHOLD_MEM: '92.5',
    ALERT_LOOKAHEAD_MIN: '45',
    POLL_INTERVAL_MINUTES: '5',
    SMTP_HOST: 'smtp.example.test',
    SMTP_USER: 'alerts',
    SMTP_TO: 'ops@example.test',
    ...SECRETS,
  });
  await upsertMetricSample(gateway.db, {
    v: 1,
    provider: 'aws',
    resourceId: 'web-1',
    ts: '2026-03-01T12:00:00.000Z',
    metrics: { cpu: 40 },
  });
});

afterAll(() => gateway?.close());

describe('GET /api/health', () => {
  it('answers 503 degraded when no pipeline service is running, with NATS and PostgreSQL up', async () => {
    const res = await app.request('/api/health');

    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({
      status: 'degraded',
      nats: { up: true },
      postgres: { up: true },
      services: {
        collector: { up: false },
        forecaster: { up: false },
        alerter: { up: false },
        'api-gateway': { up: true },
      },
    });
  });

  it('answers 200 ok once every pipeline service is registered as a NATS micro-service, showing their counters', async () => {
    const services = await Promise.all(
      PIPELINE_SERVICES.map((service) => {
        const counters = createCounters();
        counters.inc('handled', service.length);
        return registerService(gateway.bus.nc, gateway.bus.names, service, counters);
      }),
    );
    try {
      const res = await app.request('/api/health');

      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        status: 'ok',
        services: {
          collector: { up: true, counters: { handled: 'collector'.length } },
          forecaster: { up: true, counters: { handled: 'forecaster'.length } },
          alerter: { up: true, counters: { handled: 'alerter'.length } },
        },
      });
    } finally {
      await Promise.all(services.map((service) => service.stop()));
    }
  });
});

describe('GET /api/health, pipeline progress', () => {
  it('answers 503 degraded naming the partition whose durable held a sample without an ack for two lease TTLs', async () => {
    await gateway.bus.bus.ensure();
    const services = await Promise.all(
      PIPELINE_SERVICES.map((service) => registerService(gateway.bus.nc, gateway.bus.names, service, createCounters())),
    );
    // A stall threshold of 0.4 s (two lease TTLs of 0.2 s) instead of 30 s.
    const watched = gateway.app(
      {},
      { progress: trackConsumerProgress(gateway.bus.nc, gateway.bus.names, { stallMs: 400 }) },
    );
    try {
      await publish(gateway.bus.bus.js, gateway.bus.names, metricSampledEvent, {
        v: 1,
        provider: 'local',
        resourceId: 'stalled-1',
        ts: new Date().toISOString(),
        metrics: { cpu: 50 },
      });
      type Body = {
        status: string;
        progress: {
          stalled: string[];
          services: Record<string, { stalledPartitions: number[] }>;
          durables: Array<{ consumer: string; partition: number | null; pending: number }>;
        };
      };
      const first = (await (await watched.request('/api/health')).json()) as Body;
      const held = first.progress.durables.find((d) => d.consumer.startsWith('forecaster-') && d.pending > 0);
      expect(held).toBeDefined();

      await new Promise((resolve) => setTimeout(resolve, 500));
      const res = await watched.request('/api/health');

      expect(res.status).toBe(503);
      const body = (await res.json()) as Body;
      expect(body.status).toBe('degraded');
      expect(body.progress.stalled).toContain(`forecaster partition ${held!.partition}`);
      expect(body.progress.services['forecaster']?.stalledPartitions).toEqual([held!.partition]);
    } finally {
      await Promise.all(services.map((service) => service.stop()));
    }
  });
});

describe('GET /api/health/live', () => {
  it('answers 200 while /api/health is degraded: liveness never restarts the gateway for an outage elsewhere', async () => {
    expect((await app.request('/api/health')).status).toBe(503);

    const res = await app.request('/api/health/live');

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});

describe('GET /api/config', () => {
  it('shows the thresholds, lookahead, provider, poll interval and which channels are on', async () => {
    const res = await app.request('/api/config');

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      provider: 'aws',
      thresholds: { cpu: 85, mem: 92.5 },
      lookaheadMin: 45,
      renotifyMin: 240,
      pollIntervalSeconds: 300,
      channels: { slack: true, email: true, alertmanager: false, pagerduty: false, webhook: false },
      testAlertRequiresToken: true,
    });
  });

  it('never shows the value of SMTP_PASS, SLACK_WEBHOOK_URL or API_TOKEN', async () => {
    const text = await (await app.request('/api/config')).text();

    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    expect(text).not.toContain('slack-secret');
  });
});

describe('errors', () => {
  it('answers an unknown route with a 404 JSON error', async () => {
    const res = await app.request('/api/nope');

    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'no route GET /api/nope' } });
  });

  it('answers a wrong method on a known path with 405, the methods it takes in Allow', async () => {
    const res = await app.request('/api/alerts', { method: 'DELETE' });

    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(await res.json()).toEqual({
      error: { code: 'method_not_allowed', message: 'DELETE is not allowed on /api/alerts; use GET, HEAD' },
    });
  });

  it.each([
    ['/api/metrics?range=2h', 'range'],
    ['/api/alerts?limit=0', 'limit'],
    ['/api/alerts?limit=501', 'limit'],
    ['/api/alerts?limit=abc', 'limit'],
    ['/api/alerts?limit=2.5', 'limit'],
    [`/api/metrics?resource_id=${'x'.repeat(257)}`, 'resource_id'],
    [`/api/forecast?resource_id=${'x'.repeat(257)}`, 'resource_id'],
    ['/api/forecast?resource_id=web-1%00', 'resource_id'],
  ])('answers %s with 400 naming %s', async (path, param) => {
    const res = await app.request(path);

    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toContain(param);
  });

  it('answers an unknown resource with 404 on metrics and forecast', async () => {
    for (const path of ['/api/metrics?resource_id=ghost', '/api/forecast?resource_id=ghost']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      const { error } = (await res.json()) as ErrorBody;
      expect(error).toMatchObject({ code: 'not_found', message: expect.stringContaining('ghost') });
    }
  });

  const oddPaths = [
    `/api/metrics?resource_id=${'a'.repeat(10_000)}`,
    `/api/forecast?resource_id=${encodeURIComponent('ü🚀 サーバー')}`,
    `/api/metrics?resource_id=${encodeURIComponent('ü🚀 サーバー')}&range=24h`,
    '/api/metrics?resource_id=%00',
    '/api/forecast?resource_id=%00',
    '/api/forecast?resource_id=web-1%00',
    '/api/alerts?limit=%00',
    '/api/metrics?range=%00',
    '/api/forecast?resource_id=%ED%A0%80',
    '/api/forecast?resource_id=%',
    '/api/forecast?resource_id=%E0%A4%A',
    '/api/metrics?range=1h&range=6h&range=bogus',
    '/api/metrics?resource_id=web-1&resource_id=ghost',
    '/api/forecast?resource_id[]=web-1',
    '/api/forecast?resource_id=',
    '/api/alerts?limit=',
    '/api/alerts?limit=-1',
    '/api/alerts?limit=1e400',
    '/api/alerts?limit=99999999999999999999999',
    '/api/alerts?limit=Infinity',
    '/api/alerts?limit=0x10',
    "/api/forecast?resource_id=' or 1=1 --",
    '/api/forecast?resource_id=%27%3B%20drop%20table%20metrics%3B--',
    '/api/resources?anything=goes',
    '/api/../api/health/../../etc/passwd',
    '/api/%2e%2e/config',
    '/api//metrics',
    `/api/${'z'.repeat(5_000)}`,
  ].map((path) => ({ path, label: path.length > 80 ? `${path.slice(0, 40)}… (${path.length} chars)` : path }));

  it.each(oddPaths)('never answers $label with a 5xx, and always with a JSON body', async ({ path }) => {
    const res = await app.request(path);

    expect(res.status, await res.clone().text()).toBeLessThan(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    await res.json();
  });

  it('has not reached the internal error handler for any of those inputs', () => {
    expect(gateway.unexpected).toEqual([]);
  });

  it('still finds the metrics table intact after the injection attempts', async () => {
    const res = await app.request('/api/resources');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ resources: [{ resourceId: 'web-1' }] });
  });
});
