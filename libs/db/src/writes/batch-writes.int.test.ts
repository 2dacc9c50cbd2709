import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AlertDeliveryUpdated, AlertFired, ForecastUpdated, MetricSampled } from '@autoscale/contracts';
import type { Database } from '../client';
import { listAlerts } from '../queries/alerts.repository';
import { latestForecasts } from '../queries/forecast-views.repository';
import { listMetrics } from '../queries/metrics.repository';
import { migratedTestDatabase } from '../testing/index';
import { applyAlertDeliveries, AlertNotFoundError } from './alert-deliveries.writes';
import { insertAlerts } from './alerts.writes';
import { upsertForecasts } from './forecasts.writes';
import { upsertMetricSamples } from '../queries/metrics.repository';

let database: Awaited<ReturnType<typeof migratedTestDatabase>>;
let db: Database;

beforeAll(async () => {
  database = await migratedTestDatabase();
  db = database.db;
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.sql`truncate metrics, forecasts, alerts`;
});

const T0 = Date.UTC(2026, 2, 1, 0, 0);
const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();

const sample = (resourceId: string, minute: number, cpu: number): MetricSampled => ({
  v: 1,
  provider: 'aws',
  resourceId,
  ts: at(minute),
  metrics: { cpu },
});

const forecast = (resourceId: string, minute: number, current: number): ForecastUpdated => ({
  v: 1,
  resourceId,
  metric: 'cpu',
  generatedAt: at(minute),
  model: 'holt',
  threshold: 90,
  current,
  slopePerMin: 0.4,
  breachAt: null,
  breachInMin: null,
  interval: null,
  points: [],
  samples: 12,
});

const alert = (id: string, message: string): AlertFired => ({
  v: 1,
  id,
  resourceId: 'web-1',
  metric: 'cpu',
  kind: 'forecast',
  severity: 'warning',
  breachAt: null,
  message,
  firedAt: at(0),
  deliveries: [],
});

describe('upsertMetricSamples', () => {
  it('stores a batch larger than one statement holds, one row per sample', async () => {
    const batch = Array.from({ length: 2500 }, (_, i) => sample(`r-${i % 5}`, i, i % 100));

    await upsertMetricSamples(db, batch);

    const [{ count }] = await database.sql<[{ count: string }]>`select count(*) from metrics`;
    expect(Number(count)).toBe(2500);
  });

  it('keeps the last of two samples for one row inside a batch, and a repeated batch changes nothing', async () => {
    const batch = [sample('web-1', 0, 10), sample('web-1', 1, 20), sample('web-1', 0, 15)];

    await upsertMetricSamples(db, batch);
    await upsertMetricSamples(db, batch);

    const rows = await listMetrics(db, { resourceId: 'web-1', since: new Date(T0), stepSeconds: 1 });
    expect(rows.map((r) => r.cpu)).toEqual([15, 20]);
  });
});

describe('upsertForecasts', () => {
  it('keeps the newest forecast of a series whatever its place in the batch, and ignores an older batch after', async () => {
    await upsertForecasts(db, [
      forecast('web-1', 5, 60),
      forecast('web-1', 9, 70),
      forecast('web-2', 1, 10),
      forecast('web-1', 7, 65),
    ]);
    await upsertForecasts(db, [forecast('web-1', 8, 99)]);

    const stored = await latestForecasts(db, { points: false });
    expect(stored.map((f) => [f.resourceId, f.current])).toEqual([
      ['web-1', 70],
      ['web-2', 10],
    ]);
  });
});

describe('insertAlerts', () => {
  it('stores one row per alert key, keeping a notification already stored', async () => {
    await insertAlerts(db, [alert('a-1', 'first')]);
    await insertAlerts(db, [alert('a-2', 'one'), alert('a-1', 'redelivered'), alert('a-2', 'two')]);

    const stored = await listAlerts(db, 10);
    expect(stored.map((a) => [a.id, a.message]).sort()).toEqual([
      ['a-1', 'first'],
      ['a-2', 'two'],
    ]);
  });
});

describe('applyAlertDeliveries', () => {
  const update = (
    alertId: string,
    channel: 'slack' | 'email',
    status: AlertDeliveryUpdated['status'],
    attempts: number,
  ): AlertDeliveryUpdated => ({
    v: 1,
    alertKey: `${alertId}:forecast`,
    alertId,
    channel,
    status,
    attempts,
    at: at(attempts),
  });
  const pending = (id: string): AlertFired => ({
    ...alert(id, 'x'),
    deliveries: [
      { channel: 'slack', ok: false, status: 'pending', attempts: 0, at: at(0) },
      { channel: 'email', ok: false, status: 'pending', attempts: 0, at: at(0) },
    ],
  });

  it('folds a batch of updates in order into each alert, whatever their order, and a repeated batch changes nothing', async () => {
    await insertAlerts(db, [pending('a1'), pending('a2')]);
    const batch = [
      update('a1', 'slack', 'retrying', 1),
      update('a2', 'email', 'delivered', 1),
      update('a1', 'slack', 'delivered', 2),
      update('a1', 'slack', 'retrying', 1),
      update('a1', 'email', 'failed', 1),
      update('a2', 'slack', 'delivered', 1),
    ];

    await applyAlertDeliveries(db, batch);
    await applyAlertDeliveries(db, batch);

    const rows = await listAlerts(db, 10);
    const view = (id: string) => rows.find((r) => r.id === id)!;
    expect(view('a1').deliveries.map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['slack', 'delivered', 2],
      ['email', 'failed', 1],
    ]);
    expect([view('a1').status, view('a2').status]).toEqual(['failed', 'delivered']);
  });

  it('writes nothing of a batch holding an update for an alert not stored yet', async () => {
    await insertAlerts(db, [pending('a1')]);

    await expect(
      applyAlertDeliveries(db, [update('a1', 'slack', 'delivered', 1), update('zz', 'slack', 'delivered', 1)]),
    ).rejects.toThrow(AlertNotFoundError);

    const [row] = await listAlerts(db, 10);
    expect(row!.status).toBe('pending');
  });
});
