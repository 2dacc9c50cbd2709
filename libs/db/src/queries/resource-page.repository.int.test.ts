import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastEvent, migratedTestDatabase, sampleEvent } from '../testing/index';
import { upsertForecasts } from '../writes/forecasts.writes';
import { upsertMetricSamples } from './metrics.repository';
import { resourcePage } from './resource-page.repository';

let database: Awaited<ReturnType<typeof migratedTestDatabase>>;
const NOW = Date.UTC(2026, 2, 1, 12);
const iso = (min: number) => new Date(NOW + min * 60_000).toISOString();

const sample = (resourceId: string, provider: string, labels?: Record<string, string>) =>
  sampleEvent(resourceId, iso(0), provider, labels);
const forecast = (resourceId: string, current: number, breachInMin: number | null) =>
  forecastEvent(resourceId, iso(0), { current, breachInMin, breachAt: breachInMin === null ? null : iso(breachInMin) });

beforeAll(async () => {
  database = await migratedTestDatabase();
  // 30 fine machines, 2 forecast to breach (the sooner first), 1 breached, 2 with no forecast yet.
  const ok = Array.from({ length: 30 }, (_, i) => `web-${String(i).padStart(2, '0')}`);
  await upsertMetricSamples(database.db, [
    ...ok.map((id) => sample(id, 'aws', { team: id < 'web-10' ? 'blue' : 'red' })),
    sample('db-soon', 'gcp'),
    sample('db-later', 'gcp'),
    sample('cache-hot', 'aws'),
    sample('new-1', 'gcp'),
    sample('new-2', 'gcp'),
  ]);
  await upsertForecasts(database.db, [
    ...ok.map((id) => forecast(id, 40, null)),
    forecast('db-later', 60, 50),
    forecast('db-soon', 60, 20),
    forecast('cache-hot', 95, null),
  ]);
});
afterAll(() => database?.close());

describe('resourcePage', () => {
  it('puts the worst first: breached, then forecast breaches soonest first, then warming up, then fine, with the total', async () => {
    const page = await resourcePage(database.db, { limit: 6, sort: 'worst' });

    expect(page.total).toBe(35);
    expect(page.resources.map((r) => [r.resourceId, r.status])).toEqual([
      ['cache-hot', 'breached'],
      ['db-soon', 'forecast_breach'],
      ['db-later', 'forecast_breach'],
      ['new-1', 'warming_up'],
      ['new-2', 'warming_up'],
      ['web-00', 'ok'],
    ]);
    expect(page.resources[1]?.breachAt).toBe(iso(20));
    expect(page.resources[1]?.forecasts).toEqual([
      expect.objectContaining({ metric: 'cpu', current: 60, breachAt: iso(20) }),
    ]);
  });

  it('walks every resource exactly once page by page with the cursor', async () => {
    const seen: string[] = [];
    let page = await resourcePage(database.db, { limit: 4, sort: 'worst' });
    seen.push(...page.resources.map((r) => r.resourceId));
    while (page.next) {
      page = await resourcePage(database.db, { limit: 4, sort: 'worst', after: page.next });
      expect(page.total).toBe(35);
      seen.push(...page.resources.map((r) => r.resourceId));
    }
    expect(seen).toHaveLength(35);
    expect(new Set(seen).size).toBe(35);
  });

  it('filters by id glob, provider, label and status, and counts what matched', async () => {
    const byGlob = await resourcePage(database.db, { limit: 50, sort: 'id', idGlob: 'db-*' });
    expect(byGlob.resources.map((r) => r.resourceId)).toEqual(['db-later', 'db-soon']);
    expect((await resourcePage(database.db, { limit: 50, sort: 'id', provider: 'gcp' })).total).toBe(4);
    expect((await resourcePage(database.db, { limit: 50, sort: 'id', labels: { team: 'blue' } })).total).toBe(10);
    const warming = await resourcePage(database.db, { limit: 50, sort: 'worst', status: ['warming_up', 'breached'] });
    expect(warming.resources.map((r) => r.resourceId)).toEqual(['cache-hot', 'new-1', 'new-2']);
    expect((await resourcePage(database.db, { limit: 50, sort: 'id', idGlob: 'web_0*' })).total).toBe(0);
  });
});
