import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AlertFired, ForecastUpdated, MetricSampled } from '@autoscale/contracts';
import { createDatabase } from './client';
import type { Database } from './client';
import { ensureDatabase } from './ensure-database';
import { runMigrations, SOURCE_MIGRATIONS_FOLDER } from './migrate';
import { insertAlert, listAlerts } from './queries/alerts.repository';
import { latestForecasts } from './queries/forecast-views.repository';
import { upsertForecast } from './queries/forecasts.repository';
import { listMetrics, upsertMetricSample } from './queries/metrics.repository';
import { listResources } from './queries/resources.repository';
import { testDatabaseUrl } from './testing/index';

const database = testDatabaseUrl();
let db: Database;
let sql: ReturnType<typeof createDatabase>['sql'];

beforeAll(async () => {
  await ensureDatabase(database.url);
  await runMigrations(database.url, SOURCE_MIGRATIONS_FOLDER);
  ({ db, sql } = createDatabase(database.url, { max: 2 }));
});
afterAll(async () => {
  await sql.end();
  await database.drop();
});
beforeEach(async () => {
  await sql`truncate metrics, forecasts, alerts, resources`;
});

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 12, minute)).toISOString();

const sample = (resourceId: string, minute: number, metrics: MetricSampled['metrics']): MetricSampled => ({
  v: 1,
  provider: 'aws',
  resourceId,
  ts: at(minute),
  metrics,
});

const forecast = (resourceId: string, metric: 'cpu' | 'mem', minute: number, current: number): ForecastUpdated => ({
  v: 1,
  resourceId,
  metric,
  generatedAt: at(minute),
  model: 'holt',
  threshold: 90,
  current,
  slopePerMin: 0.4,
  breachAt: at(minute + 30),
  breachInMin: 30,
  interval: { earliest: at(minute + 20), latest: at(minute + 45) },
  points: [{ ts: at(minute + 5), value: current + 2, lo: current, hi: current + 4 }],
  samples: 12,
});

const alert = (id: string, kind: AlertFired['kind'], minute: number): AlertFired => ({
  v: 1,
  id,
  resourceId: 'web-1',
  metric: 'cpu',
  kind,
  severity: 'warning',
  breachAt: at(minute + 30),
  message: `${id} ${kind}`,
  firedAt: at(minute),
  deliveries: [{ channel: 'slack', ok: true, at: at(minute) }],
});

describe('upsertMetricSample', () => {
  it('leaves one row with the latest values when the same (resource, ts) is written twice', async () => {
    await upsertMetricSample(db, sample('web-1', 0, { cpu: 10, mem: 20 }));
    await upsertMetricSample(db, sample('web-1', 0, { cpu: 11, mem: 21 }));

    expect(await listMetrics(db, { resourceId: 'web-1', since: new Date(at(-60)), stepSeconds: 1 })).toEqual([
      { ts: at(0), cpu: 11, mem: 21, cpuMax: 11, memMax: 21 },
    ]);
  });

  it('treats two spellings of the same instant as the same sample', async () => {
    await upsertMetricSample(db, { ...sample('web-1', 0, { cpu: 10 }), ts: '2026-03-01T13:00:00+01:00' });
    await upsertMetricSample(db, { ...sample('web-1', 0, { cpu: 12 }), ts: '2026-03-01T12:00:00Z' });

    expect(await listMetrics(db, { resourceId: 'web-1', since: new Date(at(-60)), stepSeconds: 1 })).toEqual([
      { ts: at(0), cpu: 12, mem: null, cpuMax: 12, memMax: null },
    ]);
  });

  it('stores a missing memory metric as NULL, never 0', async () => {
    await upsertMetricSample(db, sample('cpu-only', 0, { cpu: 55 }));

    const [row] = await sql`select cpu, mem from metrics where resource_id = 'cpu-only'`;
    expect(row).toEqual({ cpu: 55, mem: null });
  });
});

describe('listMetrics', () => {
  it('returns the samples of one resource from `since` on, oldest first', async () => {
    for (const minute of [30, 0, 20, 10]) await upsertMetricSample(db, sample('web-1', minute, { cpu: minute }));
    await upsertMetricSample(db, sample('web-2', 25, { cpu: 99 }));

    const points = await listMetrics(db, { resourceId: 'web-1', since: new Date(at(10)), stepSeconds: 1 });

    expect(points).toEqual([
      { ts: at(10), cpu: 10, mem: null, cpuMax: 10, memMax: null },
      { ts: at(20), cpu: 20, mem: null, cpuMax: 20, memMax: null },
      { ts: at(30), cpu: 30, mem: null, cpuMax: 30, memMax: null },
    ]);
  });

  it('returns nothing for an unknown resource', async () => {
    expect(await listMetrics(db, { resourceId: 'nobody', since: new Date(0), stepSeconds: 60 })).toEqual([]);
  });
});

describe('listResources', () => {
  it('lists every resource with its newest values, sample count and whether memory was ever reported', async () => {
    await upsertMetricSample(db, sample('b-with-mem', 0, { cpu: 10, mem: 40 }));
    await upsertMetricSample(db, sample('b-with-mem', 5, { cpu: 15 }));
    await upsertMetricSample(db, sample('a-cpu-only', 0, { cpu: 70 }));
    await upsertMetricSample(db, sample('a-cpu-only', 3, { cpu: 72 }));
    await upsertMetricSample(db, sample('a-cpu-only', 1, { cpu: 71 }));

    const summary = { provider: 'aws', mem: null, labels: {} };
    expect(await listResources(db)).toEqual([
      {
        ...summary,
        resourceId: 'a-cpu-only',
        firstSeen: at(0),
        lastSeen: at(3),
        cpu: 72,
        memoryAvailable: false,
        samples: 3,
      },
      {
        ...summary,
        resourceId: 'b-with-mem',
        firstSeen: at(0),
        lastSeen: at(5),
        cpu: 15,
        memoryAvailable: true,
        samples: 2,
      },
    ]);
  });

  it("shows the newest sample's labels, whatever order the samples arrive in", async () => {
    await upsertMetricSample(db, { ...sample('node-1', 5, { cpu: 10 }), labels: { job: 'node', env: 'prod' } });
    await upsertMetricSample(db, { ...sample('node-1', 1, { cpu: 12 }), labels: { job: 'node', env: 'staging' } });
    const [resource] = await listResources(db);
    expect(resource?.labels).toEqual({ job: 'node', env: 'prod' });
  });

  it('is empty before any sample arrived', async () => {
    expect(await listResources(db)).toEqual([]);
  });
});

describe('upsertForecast', () => {
  it('keeps one forecast per (resource, metric), replaced by a newer one', async () => {
    await upsertForecast(db, forecast('web-1', 'cpu', 0, 50));
    await upsertForecast(db, forecast('web-1', 'cpu', 5, 60));

    const forecasts = await latestForecasts(db, { points: true });
    expect(forecasts).toHaveLength(1);
    expect(forecasts[0]).toMatchObject({ resourceId: 'web-1', metric: 'cpu', generatedAt: at(5), current: 60 });
  });

  it('does not let an older forecast (a late redelivery) overwrite a newer one', async () => {
    await upsertForecast(db, forecast('web-1', 'cpu', 5, 60));
    await upsertForecast(db, forecast('web-1', 'cpu', 0, 50));

    const [latest] = await latestForecasts(db, { resourceId: 'web-1', points: true });
    expect(latest).toMatchObject({ generatedAt: at(5), current: 60 });
  });

  it('round-trips every field of the event, including a forecast without a breach', async () => {
    const breaching = forecast('web-1', 'cpu', 0, 50);
    const quiet: ForecastUpdated = {
      ...forecast('web-1', 'mem', 0, 30),
      breachAt: null,
      breachInMin: null,
      interval: null,
      points: [],
    };
    await upsertForecast(db, breaching);
    await upsertForecast(db, quiet);

    const { v: _v1, ...breachingView } = breaching;
    const { v: _v2, ...quietView } = quiet;
    expect(await latestForecasts(db, { resourceId: 'web-1', points: true })).toEqual([breachingView, quietView]);
  });
});

describe('latestForecasts', () => {
  it('returns the latest forecast per metric of every resource, or of the one asked for', async () => {
    await upsertForecast(db, forecast('web-2', 'mem', 0, 40));
    await upsertForecast(db, forecast('web-1', 'mem', 0, 30));
    await upsertForecast(db, forecast('web-1', 'cpu', 0, 50));

    const all = await latestForecasts(db, { points: true });
    expect(all.map((f) => `${f.resourceId}/${f.metric}`)).toEqual(['web-1/cpu', 'web-1/mem', 'web-2/mem']);
    const one = await latestForecasts(db, { resourceId: 'web-2', points: true });
    expect(one.map((f) => `${f.resourceId}/${f.metric}`)).toEqual(['web-2/mem']);
    expect(await latestForecasts(db, { resourceId: 'nobody', points: true })).toEqual([]);
  });
});

describe('insertAlert', () => {
  it('writes one row when the same alert id and kind arrive twice (redelivery)', async () => {
    await insertAlert(db, alert('a-1', 'forecast', 0));
    await insertAlert(db, { ...alert('a-1', 'forecast', 0), message: 'redelivered' });

    const alerts = await listAlerts(db, 50);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.message).toBe('a-1 forecast');
  });

  it('keeps the forecast, breach and resolved notices of one alert apart', async () => {
    await insertAlert(db, alert('a-1', 'forecast', 0));
    await insertAlert(db, alert('a-1', 'breach', 10));
    await insertAlert(db, alert('a-1', 'resolved', 20));

    expect((await listAlerts(db, 50)).map((a) => a.kind)).toEqual(['resolved', 'breach', 'forecast']);
  });
});

describe('listAlerts', () => {
  it('returns at most `limit` alerts, newest first, with ISO times and their deliveries', async () => {
    for (const minute of [3, 1, 4, 0, 2]) await insertAlert(db, alert(`a-${minute}`, 'forecast', minute));

    const alerts = await listAlerts(db, 3);

    expect(alerts.map((a) => a.id)).toEqual(['a-4', 'a-3', 'a-2']);
    expect(alerts[0]).toMatchObject({
      firedAt: at(4),
      breachAt: at(34),
      forecastAt: null,
      deliveries: [{ channel: 'slack', ok: true, at: at(4) }],
    });
    expect(alerts[0]).not.toHaveProperty('key');
  });
});
