import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertMetricSample } from '@autoscale/db';
import { createTestGateway } from '../testing/test-gateway';
import type { TestGateway } from '../testing/test-gateway';

let gateway: TestGateway;
let server: ReturnType<typeof serve>;
let base: string;
/** A connection of its own, beside the gateway's small pool, to hold the lock and watch. */
let admin: postgres.Sql;

beforeAll(async () => {
  gateway = await createTestGateway();
  admin = postgres(gateway.databaseUrl, { max: 2, onnotice: () => undefined });
  await upsertMetricSample(gateway.db, {
    v: 1,
    provider: 'aws',
    resourceId: 'web-1',
    ts: '2026-03-01T12:00:00.000Z',
    metrics: { cpu: 40 },
  });
  server = serve({ fetch: gateway.app().fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  (server as Server | undefined)?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await admin?.end();
  await gateway?.close();
});

/** Queries of this database waiting on a lock on `metrics`, as PostgreSQL lists them. */
const blockedReads = async () =>
  admin`
    select pid from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock' and query like '%from metrics%'`;

async function until(what: string, check: () => Promise<boolean>) {
  for (let attempt = 0; attempt < 400; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe('a request the client abandons', () => {
  it('has its database query cancelled at once, not left running until it completes', async () => {
    const locker = await admin.reserve();
    try {
      // Hold metrics locked so the request's query waits inside PostgreSQL.
      await locker`begin`;
      await locker`lock table metrics in access exclusive mode`;
      const client = new AbortController();
      const request = fetch(`${base}/api/metrics?resource_id=web-1&range=24h`, { signal: client.signal }).catch(
        (error: unknown) => error,
      );
      await until('the query waits on the lock', async () => (await blockedReads()).length > 0);

      client.abort();
      await request;

      // The lock is still held: only a cancel can have ended the query.
      await until('the query is gone', async () => (await blockedReads()).length === 0);
      expect(gateway.unexpected).toEqual([]);
    } finally {
      await locker`rollback`;
      locker.release();
    }
  });

  it('leaves the gateway answering the next request normally', async () => {
    const res = await fetch(`${base}/api/metrics?resource_id=web-1`);

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ resourceId: 'web-1', points: [{ cpu: 40 }] });
  });
});
