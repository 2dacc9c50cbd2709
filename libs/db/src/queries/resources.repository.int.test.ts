import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MetricSampled } from '@autoscale/contracts';
import { migratedTestDatabase } from '../testing/index';
import { upsertMetricSample, upsertMetricSamples } from './metrics.repository';
import { findResource, listResources } from './resources.repository';

let database: Awaited<ReturnType<typeof migratedTestDatabase>>;
beforeAll(async () => {
  database = await migratedTestDatabase();
});
afterAll(() => database?.close());
beforeEach(async () => {
  await database.sql`truncate metrics, resources`;
});

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 12, minute)).toISOString();
const sample = (
  resourceId: string,
  minute: number,
  metrics: MetricSampled['metrics'],
  provider = 'aws',
): MetricSampled => ({
  v: 1,
  provider,
  resourceId,
  ts: at(minute),
  metrics,
});

describe('resources table, kept by upsertMetricSamples', () => {
  it('holds one row per resource with the newest values after a batch, first and last seen, and the sample count', async () => {
    await upsertMetricSamples(database.db, [
      sample('web-1', 2, { cpu: 12, mem: 40 }),
      sample('web-2', 0, { cpu: 80 }),
      sample('web-1', 0, { cpu: 10 }),
      sample('web-1', 1, { cpu: 11 }),
    ]);

    expect(await listResources(database.db)).toEqual([
      {
        resourceId: 'web-1',
        provider: 'aws',
        firstSeen: at(0),
        lastSeen: at(2),
        cpu: 12,
        mem: 40,
        memoryAvailable: true,
        samples: 3,
        labels: {},
      },
      {
        resourceId: 'web-2',
        provider: 'aws',
        firstSeen: at(0),
        lastSeen: at(0),
        cpu: 80,
        mem: null,
        memoryAvailable: false,
        samples: 1,
        labels: {},
      },
    ]);
  });

  it('does not count a redelivered sample twice, in one batch or across batches', async () => {
    const batch = [sample('web-1', 0, { cpu: 10 }), sample('web-1', 1, { cpu: 11 }), sample('web-1', 1, { cpu: 11 })];
    await upsertMetricSamples(database.db, batch);
    await upsertMetricSamples(database.db, batch);

    expect(await findResource(database.db, 'web-1')).toMatchObject({ samples: 2 });
    const [rows] = await database.sql`select count(*)::int as n from metrics`;
    expect(rows).toEqual({ n: 2 });
  });

  it('never moves last seen back nor takes the values of an older sample arriving late', async () => {
    await upsertMetricSample(database.db, sample('web-1', 10, { cpu: 50 }, 'aws'));
    await upsertMetricSample(database.db, sample('web-1', 5, { cpu: 99, mem: 30 }, 'old-provider'));

    expect(await findResource(database.db, 'web-1')).toEqual({
      resourceId: 'web-1',
      provider: 'aws',
      firstSeen: at(5),
      lastSeen: at(10),
      cpu: 50,
      mem: null,
      memoryAvailable: true,
      samples: 2,
      labels: {},
    });
  });

  it('keeps the counts right when two writers send overlapping batches at once', async () => {
    const batches = [0, 1, 2, 3].map((offset) =>
      Array.from({ length: 50 }, (_, i) => sample(`r-${(i + offset * 7) % 20}`, i + offset, { cpu: i })),
    );

    await Promise.all(batches.map((batch) => upsertMetricSamples(database.db, batch)));

    const counted = await database.sql<Array<{ resource_id: string; n: number }>>`
      select resource_id, count(*)::int as n from metrics group by resource_id order by resource_id`;
    const listed = (await listResources(database.db)).map((r) => ({ resource_id: r.resourceId, n: r.samples }));
    expect(listed).toEqual(counted.map((r) => ({ resource_id: r.resource_id, n: r.n })));
  });
});

describe('findResource', () => {
  it('finds one resource by id, the first by id when none is named, and null for an unknown one', async () => {
    await upsertMetricSamples(database.db, [sample('b', 0, { cpu: 1 }), sample('a', 0, { cpu: 2 })]);

    expect(await findResource(database.db, 'b')).toMatchObject({ resourceId: 'b', cpu: 1 });
    expect(await findResource(database.db)).toMatchObject({ resourceId: 'a', cpu: 2 });
    expect(await findResource(database.db, 'nobody')).toBeNull();
  });
});
