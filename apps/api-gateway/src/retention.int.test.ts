import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResource, upsertMetricSample } from '@autoscale/db';
import { createCounters, createLogger } from '@autoscale/observability';
import { startRetention } from './retention';
import { createTestGateway } from './testing/test-gateway';
import type { TestGateway } from './testing/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await createTestGateway();
});
afterAll(() => gateway?.close());

const NOW = Date.parse('2026-03-20T00:00:00.000Z');
const sample = (resourceId: string, ts: string) => ({
  v: 1 as const,
  provider: 'aws',
  resourceId,
  ts,
  metrics: { cpu: 1 },
});

describe('startRetention', () => {
  it('prunes at start what is older than METRICS_RETENTION_DAYS, and counts the deleted rows', async () => {
    await upsertMetricSample(gateway.db, sample('stale', '2026-03-01T00:00:00.000Z'));
    await upsertMetricSample(gateway.db, sample('fresh', '2026-03-19T00:00:00.000Z'));
    const counters = createCounters();

    const retention = startRetention({
      db: gateway.db,
      days: 14,
      everyMs: 3_600_000,
      log: createLogger('test', 'silent'),
      counters,
      now: () => NOW,
    });
    await retention.stop();

    expect(await findResource(gateway.db, 'stale')).toBeNull();
    expect(await findResource(gateway.db, 'fresh')).toMatchObject({ samples: 1 });
    expect(counters.snapshot()).toMatchObject({ pruned_metric_rows: 1 });
  });

  it('keeps everything with 0 days', async () => {
    await upsertMetricSample(gateway.db, sample('ancient', '2001-01-01T00:00:00.000Z'));

    const retention = startRetention({
      db: gateway.db,
      days: 0,
      everyMs: 10,
      log: createLogger('test', 'silent'),
      counters: createCounters(),
      now: () => NOW,
    });
    await retention.runNow();
    await retention.stop();

    expect(await findResource(gateway.db, 'ancient')).not.toBeNull();
  });
});
