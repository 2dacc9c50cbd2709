import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertFired, ForecastUpdated, MetricSampled } from '@autoscale/contracts';
import { insertAlert, upsertForecast, upsertMetricSample } from '@autoscale/db';
import type { Database } from '@autoscale/db';
import { createTestGateway } from '../testing/test-gateway';
import { SUMMARY_MAX_AGE_MS } from './forecast-summaries';
import type { TestGateway } from '../testing/test-gateway';

type ErrorBody = { error: { code: string; message: string } };
type MetricsBody = {
  resourceId: string;
  provider: string;
  range: string;
  memoryAvailable: boolean;
  step: number;
  points: Array<{ ts: string; cpu: number | null; mem: number | null; cpuMax: number | null; memMax: number | null }>;
};
type ForecastBody = {
  forecasts: Array<{ resourceId: string; metric: string; generatedAt: string; current: number; points?: unknown[] }>;
  warmingUp: Array<{ resourceId: string; samples: number; needed: number }>;
};
type AlertsBody = { alerts: Array<{ id: string; kind: string; firedAt: string }> };

/** Newest sample of the default resource; deliberately far from "now", as a replayed series is. */
const NEWEST = Date.parse('2025-06-01T12:00:00.000Z');
const minutesBefore = (minutes: number) => new Date(NEWEST - minutes * 60_000).toISOString();

let gateway: TestGateway;
let db: Database;
let app: ReturnType<TestGateway['app']>;

const get = async <T>(path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as T };
};

const sample = (
  resourceId: string,
  minutesAgo: number,
  metrics: MetricSampled['metrics'],
  provider = 'aws',
): MetricSampled => ({
  v: 1,
  provider,
  resourceId,
  ts: minutesBefore(minutesAgo),
  metrics,
});

const forecast = (resourceId: string, metric: 'cpu' | 'mem', minutesAgo: number, current: number): ForecastUpdated => ({
  v: 1,
  resourceId,
  metric,
  generatedAt: minutesBefore(minutesAgo),
  model: 'holt',
  threshold: 90,
  current,
  slopePerMin: 0.2,
  breachAt: null,
  breachInMin: null,
  interval: null,
  points: [{ ts: minutesBefore(minutesAgo - 5), value: current + 1, lo: current - 1, hi: current + 3 }],
  samples: 24,
});

const alert = (n: number): AlertFired => ({
  v: 1,
  id: `alert-${String(n).padStart(2, '0')}`,
  resourceId: 'a-web',
  metric: 'cpu',
  kind: 'forecast',
  severity: 'warning',
  breachAt: minutesBefore(-30),
  message: `alert number ${n}`,
  // alert-59 is the newest
  firedAt: minutesBefore(60 - n),
  deliveries: [{ channel: 'slack', ok: true, at: minutesBefore(60 - n) }],
});

beforeAll(async () => {
  gateway = await createTestGateway();
  db = gateway.db;
  app = gateway.app();

  // 'a-web' sorts first, so it is the default resource: cpu only, samples over three hours.
  for (const minutesAgo of [0, 30, 60, 61, 120, 180]) {
    await upsertMetricSample(db, sample('a-web', minutesAgo, { cpu: 50 + minutesAgo / 10 }));
  }
  // 'b-db' reports memory too, and its newest sample is two days older.
  for (const minutesAgo of [2880, 2900]) {
    await upsertMetricSample(db, sample('b-db', minutesAgo, { cpu: 20, mem: 70 }, 'gcp'));
  }

  await upsertForecast(db, forecast('a-web', 'cpu', 10, 40));
  await upsertForecast(db, forecast('a-web', 'cpu', 0, 55));
  await upsertForecast(db, forecast('a-web', 'cpu', 20, 30)); // late redelivery of an older one
  await upsertForecast(db, forecast('b-db', 'cpu', 2880, 20));
  await upsertForecast(db, forecast('b-db', 'mem', 2880, 70));

  // 'c-new' has two samples and no forecast yet: it is warming up.
  for (const minutesAgo of [1, 0]) await upsertMetricSample(db, sample('c-new', minutesAgo, { cpu: 5 }));

  for (let n = 0; n < 60; n++) await insertAlert(db, alert(n));
});

afterAll(() => gateway?.close());

describe('GET /api/resources', () => {
  it('lists every resource with its newest values and whether memory is available', async () => {
    const noMemory = (samples: number) => ({ memoryAvailable: false, samples, labels: {} });
    const withMemory = (samples: number) => ({ memoryAvailable: true, samples, labels: {} });
    const { status, body } = await get<unknown>('/api/resources?sort=id');

    expect(status).toBe(200);
    expect(body).toMatchObject({
      total: 3,
      next: null,
      resources: [
        {
          resourceId: 'a-web',
          provider: 'aws',
          firstSeen: minutesBefore(180),
          lastSeen: minutesBefore(0),
          cpu: 50,
          mem: null,
          ...noMemory(6),
        },
        {
          resourceId: 'b-db',
          provider: 'gcp',
          firstSeen: minutesBefore(2900),
          lastSeen: minutesBefore(2880),
          cpu: 20,
          mem: 70,
          ...withMemory(2),
        },
        {
          resourceId: 'c-new',
          provider: 'aws',
          firstSeen: minutesBefore(1),
          lastSeen: minutesBefore(0),
          cpu: 5,
          mem: null,
          ...noMemory(2),
        },
      ],
    });
  });
});

describe('GET /api/metrics', () => {
  it('defaults to the first resource and the last hour before its newest sample, oldest first', async () => {
    const { status, body } = await get<MetricsBody>('/api/metrics?range=1h');

    expect(status).toBe(200);
    expect(body).toMatchObject({ resourceId: 'a-web', provider: 'aws', range: '1h', memoryAvailable: false });
    expect(body.points.map((p) => p.ts)).toEqual([minutesBefore(60), minutesBefore(30), minutesBefore(0)]);
    expect(body.points[2]).toEqual({ ts: minutesBefore(0), cpu: 50, mem: null, cpuMax: 50, memMax: null });
  });

  it('uses range=1h when no range is given', async () => {
    const { body } = await get<MetricsBody>('/api/metrics');

    expect(body.range).toBe('1h');
    expect(body.points).toHaveLength(3);
  });

  it('widens the window for range=6h', async () => {
    const { body } = await get<MetricsBody>('/api/metrics?range=6h');

    expect(body.points.map((p) => p.ts)).toEqual([180, 120, 61, 60, 30, 0].map(minutesBefore));
  });

  it('returns the resource asked for, with its memory series, even when its data is old', async () => {
    const { status, body } = await get<MetricsBody>('/api/metrics?resource_id=b-db&range=24h');

    expect(status).toBe(200);
    expect(body).toMatchObject({ resourceId: 'b-db', provider: 'gcp', memoryAvailable: true });
    expect(body.points).toEqual([
      { ts: minutesBefore(2900), cpu: 20, mem: 70, cpuMax: 20, memMax: 70 },
      { ts: minutesBefore(2880), cpu: 20, mem: 70, cpuMax: 20, memMax: 70 },
    ]);
  });

  it('downsamples on the server by default: about 360 points whatever the range', async () => {
    const ranges = await Promise.all(
      ['1h', '6h', '24h'].map((range) => get<MetricsBody>(`/api/metrics?range=${range}`)),
    );

    expect(ranges.map((r) => r.body.step)).toEqual([10, 60, 240]);
  });

  it('averages and maxes the samples of each step, with the step in seconds or with a unit', async () => {
    // a-web over 6h: samples at -180 (68), -120 (62), -61 (56.1), -60 (56), -30 (53), 0 (50).
    const { body } = await get<MetricsBody>('/api/metrics?range=6h&step=2h');
    const { body: inSeconds } = await get<MetricsBody>('/api/metrics?range=6h&step=7200');

    expect(body.step).toBe(7200);
    expect(inSeconds.points).toEqual(body.points);
    // Buckets are aligned to the epoch: 08:00–10:00, 10:00–12:00 and 12:00– (UTC).
    expect(body.points.map((p) => [p.ts, p.cpu, p.cpuMax])).toEqual([
      [minutesBefore(240), 68, 68],
      [minutesBefore(120), (62 + 56.1 + 56 + 53) / 4, 62],
      [minutesBefore(0), 50, 50],
    ]);
  });

  it.each([
    ['step=0', 'step'],
    ['step=5x', 'step'],
    ['step=1', 'at least 2 s'],
    ['range=1h&step=2h', 'at most the range'],
  ])('refuses %s with a 400 saying why', async (params, why) => {
    const { status, body } = await get<ErrorBody>(`/api/metrics?${params}`);

    expect(status).toBe(400);
    expect(body.error.message).toContain(why);
  });

  it('answers 404 for a resource it has never seen', async () => {
    const { status, body } = await get<ErrorBody>('/api/metrics?resource_id=c-nope');

    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('GET /api/forecast', () => {
  it('summarises the latest forecast per metric of every resource, without chart points', async () => {
    const { status, body } = await get<ForecastBody>('/api/forecast');

    expect(status).toBe(200);
    expect(body.forecasts.map((f) => [f.resourceId, f.metric, f.generatedAt, f.current])).toEqual([
      ['a-web', 'cpu', minutesBefore(0), 55],
      ['b-db', 'cpu', minutesBefore(2880), 20],
      ['b-db', 'mem', minutesBefore(2880), 70],
    ]);
    expect(body.forecasts.every((f) => !('points' in f))).toBe(true);
  });

  it('gives every chart when asked with points=true', async () => {
    const { body } = await get<ForecastBody>('/api/forecast?points=true');

    expect(body.forecasts.map((f) => f.points?.length)).toEqual([1, 1, 1]);
  });

  it('lists the resources still warming up, with their samples and how many are needed', async () => {
    const { body } = await get<ForecastBody>('/api/forecast');

    expect(body.warmingUp).toEqual([{ resourceId: 'c-new', samples: 2, needed: 5 }]);
  });

  it('answers 200 warming_up for a sampled resource without a forecast yet', async () => {
    const { status, body } = await get<unknown>('/api/forecast?resource_id=c-new');

    expect(status).toBe(200);
    expect(body).toEqual({ status: 'warming_up', resourceId: 'c-new', samples: 2, needed: 5, forecasts: [] });
  });

  it('refuses points=maybe with a 400', async () => {
    const { status, body } = await get<ErrorBody>('/api/forecast?points=maybe');

    expect(status).toBe(400);
    expect(body.error.message).toContain('points');
  });

  it('filters by resource_id', async () => {
    const { status, body } = await get<ForecastBody>('/api/forecast?resource_id=b-db');

    expect(status).toBe(200);
    expect(body.forecasts.map((f) => `${f.resourceId}/${f.metric}`)).toEqual(['b-db/cpu', 'b-db/mem']);
  });

  it('returns the whole forecast as the forecaster published it', async () => {
    const { body } = await get<{ status: string; forecasts: unknown[] }>('/api/forecast?resource_id=a-web');

    const { v: _v, ...published } = forecast('a-web', 'cpu', 0, 55);
    expect(body).toEqual({ status: 'ok', forecasts: [published] });
  });

  it('answers 404 for a resource never sampled', async () => {
    const { status, body } = await get<ErrorBody>('/api/forecast?resource_id=c-nope');

    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('c-nope') });
  });

  it('shows a newly stored forecast in the every-resource summary within a second', async () => {
    await get('/api/forecast');
    await upsertForecast(db, forecast('d-late', 'cpu', 0, 61));

    await expect
      .poll(
        async () => (await get<ForecastBody>('/api/forecast')).body.forecasts.some((f) => f.resourceId === 'd-late'),
        {
          timeout: SUMMARY_MAX_AGE_MS + 1_000,
          interval: 50,
        },
      )
      .toBe(true);
  });
});

describe('GET /api/alerts', () => {
  it('returns the 50 newest alerts, newest first, by default', async () => {
    const { status, body } = await get<AlertsBody>('/api/alerts');

    expect(status).toBe(200);
    expect(body.alerts).toHaveLength(50);
    expect(body.alerts[0]?.id).toBe('alert-59');
    expect(body.alerts[49]?.id).toBe('alert-10');
    const times = body.alerts.map((a) => Date.parse(a.firedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('honours limit', async () => {
    const { body } = await get<AlertsBody>('/api/alerts?limit=3');

    expect(body.alerts.map((a) => a.id)).toEqual(['alert-59', 'alert-58', 'alert-57']);
  });

  it('returns every alert when limit exceeds their number', async () => {
    const { body } = await get<AlertsBody>('/api/alerts?limit=500');

    expect(body.alerts).toHaveLength(60);
  });

  it('shows each alert with its delivery results', async () => {
    const { body } = await get<{ alerts: unknown[] }>('/api/alerts?limit=1');

    expect(body.alerts[0]).toMatchObject({
      id: 'alert-59',
      resourceId: 'a-web',
      kind: 'forecast',
      severity: 'warning',
      message: 'alert number 59',
      deliveries: [{ channel: 'slack', ok: true }],
    });
  });
});
