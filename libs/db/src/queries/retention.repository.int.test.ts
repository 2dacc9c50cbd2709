import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ForecastUpdated, MetricSampled } from '@autoscale/contracts';
import { migratedTestDatabase } from '../testing/index';
import { upsertForecast } from './forecasts.repository';
import { upsertMetricSamples } from './metrics.repository';
import { findResource, listResources } from './resources.repository';
import { pruneOlderThan } from './retention.repository';

let database: Awaited<ReturnType<typeof migratedTestDatabase>>;
beforeAll(async () => {
  database = await migratedTestDatabase();
});
afterAll(() => database?.close());
beforeEach(async () => {
  await database.sql`truncate metrics, resources, forecasts`;
});

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 20);
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();
const sample = (resourceId: string, days: number): MetricSampled => ({
  v: 1,
  provider: 'aws',
  resourceId,
  ts: daysAgo(days),
  metrics: { cpu: 10 },
});
const forecast = (resourceId: string, days: number): ForecastUpdated => ({
  v: 1,
  resourceId,
  metric: 'cpu',
  generatedAt: daysAgo(days),
  model: 'holt',
  threshold: 90,
  current: 10,
  slopePerMin: 0,
  breachAt: null,
  breachInMin: null,
  interval: null,
  points: [],
  samples: 5,
});

describe('pruneOlderThan', () => {
  it('deletes older metric rows and forecasts and resources unseen since the cutoff, keeping the rest', async () => {
    // 'kept' spans 20 days (one sample a day); 'gone' was last seen 15 days ago.
    await upsertMetricSamples(
      database.db,
      Array.from({ length: 20 }, (_, d) => sample('kept', d)),
    );
    await upsertMetricSamples(database.db, [sample('gone', 16), sample('gone', 15)]);
    await upsertForecast(database.db, forecast('kept', 0));
    await upsertForecast(database.db, forecast('gone', 15));

    const result = await pruneOlderThan(database.db, new Date(NOW - 14 * DAY), { batchSize: 3 });

    // kept: days 15..19 are older than the cutoff (day 14 is exactly at it and stays).
    expect(result).toEqual({ ran: true, metrics: 7, forecasts: 1, resources: 1 });
    expect((await listResources(database.db)).map((r) => r.resourceId)).toEqual(['kept']);
    expect(await findResource(database.db, 'kept')).toMatchObject({ samples: 15 });
    const [oldest] = await database.sql`select min(ts) as ts from metrics`;
    expect(new Date(oldest?.['ts'] as string).toISOString()).toBe(daysAgo(14));
    const forecasts = await database.sql`select resource_id from forecasts`;
    expect(forecasts).toEqual([{ resource_id: 'kept' }]);
  });

  it('lets only one replica prune at a time: the other returns at once without deleting', async () => {
    await upsertMetricSamples(database.db, [sample('old', 30)]);
    const other = await database.sql.reserve();
    try {
      await other`select pg_advisory_lock(727002)`;

      const skipped = await pruneOlderThan(database.db, new Date(NOW - 14 * DAY));

      expect(skipped).toEqual({ ran: false, metrics: 0, forecasts: 0, resources: 0 });
      expect(await findResource(database.db, 'old')).not.toBeNull();
    } finally {
      await other`select pg_advisory_unlock(727002)`;
      other.release();
    }
    expect(await pruneOlderThan(database.db, new Date(NOW - 14 * DAY))).toMatchObject({ ran: true, metrics: 1 });
  });
});
