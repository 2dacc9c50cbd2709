import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricSampledMsgId } from '@autoscale/contracts';
import type { MetricSampled } from '@autoscale/contracts';
import { createJetStream, publishEvent } from '@autoscale/bus';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import {
  clearReadModelMarker,
  createDatabase,
  ensureDatabase,
  metrics,
  runMigrations,
  SOURCE_MIGRATIONS_FOLDER,
} from '@autoscale/db';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { createCounters, createLogger } from '@autoscale/observability';
import { startProjections } from './projections';
import { ensureReadModelFed } from './read-model-rebuild';

const log = createLogger('test', 'silent');
const SAMPLES = 5;
let bus: TestBus;
const databases: Array<ReturnType<typeof testDatabaseUrl>> = [];
const pools: Array<ReturnType<typeof createDatabase>['sql']> = [];

beforeAll(async () => {
  bus = await createTestBus();
  await bus.bus.ensure();
  const js = createJetStream(bus.nc);
  for (let i = 0; i < SAMPLES; i++) {
    const event: MetricSampled = {
      v: 1,
      provider: 'local',
      resourceId: 'web-1',
      ts: new Date(Date.now() - (SAMPLES - i) * 60_000).toISOString(),
      metrics: { cpu: 10 + i },
    };
    await publishEvent(js, bus.names.subjects.metricSampled('local', 'web-1'), event, metricSampledMsgId(event));
  }
});

afterAll(async () => {
  for (const sql of pools) await sql.end();
  for (const database of databases) await database.drop();
  await bus.cleanup();
});

async function freshDatabase() {
  const database = testDatabaseUrl();
  databases.push(database);
  await ensureDatabase(database.url);
  await runMigrations(database.url, SOURCE_MIGRATIONS_FOLDER);
  const created = createDatabase(database.url, { max: 2 });
  pools.push(created.sql);
  return created.db;
}

/** Starts the gateway's start-up sequence on `db`, lets the projections run, returns the rows. */
async function startGatewayOn(db: Awaited<ReturnType<typeof freshDatabase>>) {
  await bus.bus.ensure();
  const outcome = await ensureReadModelFed({ bus: bus.bus, db, log });
  const projections = await startProjections({
    nc: bus.nc,
    js: createJetStream(bus.nc),
    db,
    names: bus.names,
    log,
    counters: createCounters(),
    bounds: { now: Date.now, maxClockSkewSec: 300 },
  });
  await expect.poll(async () => (await db.select().from(metrics)).length, { timeout: 10_000 }).toBe(SAMPLES);
  await projections.stop();
  return outcome;
}

describe('read model rebuild', () => {
  it('fills a first database from the streams, and leaves it alone at the next start', async () => {
    const db = await freshDatabase();
    expect(await startGatewayOn(db)).toBe('rebuilt');
    expect(await startGatewayOn(db)).toBe('fed');
  });

  it('refills a replacement database although the durables had acked everything', async () => {
    const db = await freshDatabase();
    expect(await startGatewayOn(db)).toBe('rebuilt');
    expect((await db.select().from(metrics)).length).toBe(SAMPLES);
  });

  it('refills a database whose tables were emptied', async () => {
    const db = await freshDatabase();
    await startGatewayOn(db);
    await db.delete(metrics);
    expect(await startGatewayOn(db)).toBe('rebuilt');
  });

  it('replays on demand once the marker is cleared (npm run rebuild-read-model)', async () => {
    const db = await freshDatabase();
    await startGatewayOn(db);
    await clearReadModelMarker(db);
    expect(await startGatewayOn(db)).toBe('rebuilt');
  });
});
