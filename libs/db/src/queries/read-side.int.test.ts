import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ForecastUpdated, MetricSampled } from '@autoscale/contracts';
import { migratedTestDatabase } from '../testing/index';
import { isQueryCancelled } from './cancellable';
import { latestForecasts, warmingUpResources } from './forecast-views.repository';
import { upsertForecast } from './forecasts.repository';
import { listMetrics, upsertMetricSamples } from './metrics.repository';

let database: Awaited<ReturnType<typeof migratedTestDatabase>>;
beforeAll(async () => {
  database = await migratedTestDatabase();
});
afterAll(() => database?.close());
beforeEach(async () => {
  await database.sql`truncate metrics, resources, forecasts`;
});

const T0 = Date.UTC(2026, 2, 1, 12, 0);
const atSecond = (s: number) => new Date(T0 + s * 1000).toISOString();
const sample = (resourceId: string, second: number, metrics: MetricSampled['metrics']): MetricSampled => ({
  v: 1,
  provider: 'aws',
  resourceId,
  ts: atSecond(second),
  metrics,
});

const forecast = (resourceId: string, metric: 'cpu' | 'mem', points: ForecastUpdated['points']): ForecastUpdated => ({
  v: 1,
  resourceId,
  metric,
  generatedAt: atSecond(0),
  model: 'holt',
  threshold: 90,
  current: 50,
  slopePerMin: 0.1,
  breachAt: null,
  breachInMin: null,
  interval: null,
  points,
  samples: 12,
});

describe('listMetrics', () => {
  it('averages and maxes each metric per step-long bucket aligned to the epoch, oldest first', async () => {
    // One sample every 10 s for 10 minutes: cpu climbs 0..59, mem only on even samples.
    const samples = Array.from({ length: 60 }, (_, i) =>
      sample('web-1', i * 10, i % 2 === 0 ? { cpu: i, mem: 100 - i } : { cpu: i }),
    );
    await upsertMetricSamples(database.db, samples);

    const points = await listMetrics(database.db, { resourceId: 'web-1', since: new Date(T0), stepSeconds: 120 });

    expect(points).toHaveLength(5);
    expect(points[0]).toEqual({ ts: atSecond(0), cpu: 5.5, cpuMax: 11, mem: 95, memMax: 100 });
    expect(points[4]).toEqual({ ts: atSecond(480), cpu: 53.5, cpuMax: 59, mem: 47, memMax: 52 });
  });

  it('gives a series sparser than the step back sample by sample', async () => {
    await upsertMetricSamples(
      database.db,
      [0, 300, 600].map((s) => sample('web-1', s, { cpu: s / 10 })),
    );

    const points = await listMetrics(database.db, { resourceId: 'web-1', since: new Date(T0), stepSeconds: 10 });

    expect(points.map((p) => [p.ts, p.cpu])).toEqual([
      [atSecond(0), 0],
      [atSecond(300), 30],
      [atSecond(600), 60],
    ]);
  });

  it('leaves out samples before `since` and other resources', async () => {
    await upsertMetricSamples(database.db, [
      sample('web-1', 0, { cpu: 1 }),
      sample('web-1', 60, { cpu: 2 }),
      sample('web-2', 60, { cpu: 3 }),
    ]);

    const points = await listMetrics(database.db, {
      resourceId: 'web-1',
      since: new Date(T0 + 30_000),
      stepSeconds: 60,
    });

    expect(points.map((p) => p.cpu)).toEqual([2]);
  });

  it('is cancelled on the server when its signal aborts', async () => {
    await upsertMetricSamples(database.db, [sample('web-1', 0, { cpu: 1 })]);
    const locker = await database.sql.reserve();
    try {
      await locker`begin`;
      await locker`lock table metrics in access exclusive mode`;
      const controller = new AbortController();
      const pending = listMetrics(
        database.db,
        { resourceId: 'web-1', since: new Date(0), stepSeconds: 60 },
        controller.signal,
      );
      const outcome = pending.then(
        () => 'finished',
        (error: unknown) => (isQueryCancelled(error) ? 'cancelled' : String(error)),
      );
      await waitForBlockedQuery(database.sql);

      controller.abort();

      expect(await outcome).toBe('cancelled');
    } finally {
      await locker`rollback`;
      locker.release();
    }
  });
});

async function waitForBlockedQuery(sql: Awaited<ReturnType<typeof migratedTestDatabase>>['sql']) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const waiting = await sql`
      select 1 from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and query like '%from metrics%'`;
    if (waiting.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the query never blocked on the lock');
}

describe('latestForecasts', () => {
  it('leaves the chart points out of a summary, and gives them when asked', async () => {
    await upsertForecast(database.db, forecast('web-1', 'cpu', [{ ts: atSecond(300), value: 51, lo: 49, hi: 53 }]));

    const [summary] = await latestForecasts(database.db, { points: false });
    const [full] = await latestForecasts(database.db, { resourceId: 'web-1', points: true });

    expect(summary).not.toHaveProperty('points');
    expect(summary).toMatchObject({ resourceId: 'web-1', metric: 'cpu', current: 50 });
    expect(full?.points).toEqual([{ ts: atSecond(300), value: 51, lo: 49, hi: 53 }]);
  });

  it('clamps forecast values and bands to 0–100', async () => {
    await upsertForecast(
      database.db,
      forecast('web-1', 'cpu', [
        { ts: atSecond(300), value: 2, lo: -63.6, hi: 20 },
        { ts: atSecond(600), value: 104, lo: 95, hi: 130.3 },
      ]),
    );

    const [view] = await latestForecasts(database.db, { resourceId: 'web-1', points: true });

    expect(view?.points).toEqual([
      { ts: atSecond(300), value: 2, lo: 0, hi: 20 },
      { ts: atSecond(600), value: 100, lo: 95, hi: 100 },
    ]);
  });
});

describe('warmingUpResources', () => {
  it('lists the resources with samples but no forecast yet, with their sample counts', async () => {
    await upsertMetricSamples(database.db, [
      sample('new-1', 0, { cpu: 1 }),
      sample('new-1', 60, { cpu: 1 }),
      sample('old-1', 0, { cpu: 1 }),
    ]);
    await upsertForecast(database.db, forecast('old-1', 'cpu', []));

    expect(await warmingUpResources(database.db)).toEqual([{ resourceId: 'new-1', samples: 2 }]);
  });
});

describe('cancellable reads', () => {
  it('runs a read again when a cancel meant for another query hit it, its own signal not aborted', async () => {
    await upsertMetricSamples(database.db, [sample('web-1', 0, { cpu: 7 })]);
    const signal = new AbortController().signal;
    // A stray cancel: another request's abort lands on the backend that runs our query.
    const locker = await database.sql.reserve();
    await locker`begin`;
    await locker`lock table metrics in access exclusive mode`;
    const pending = listMetrics(database.db, { resourceId: 'web-1', since: new Date(0), stepSeconds: 60 }, signal);
    await waitForBlockedQuery(database.sql);
    await database.sql`
      select pg_cancel_backend(pid) from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and query like '%from metrics%'`;
    await locker`rollback`;
    locker.release();

    expect((await pending).map((p) => p.cpu)).toEqual([7]);
  });
});
