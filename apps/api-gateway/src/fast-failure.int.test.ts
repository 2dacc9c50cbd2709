import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRawNats as connect } from '@autoscale/bus/testing';
import type { NatsConnection } from '@autoscale/bus/testing';
import { busNames } from '@autoscale/contracts';
import { busOver } from '@autoscale/bus';
import { startNatsServer } from '@autoscale/bus/testing';
import type { TestNatsServer } from '@autoscale/bus/testing';
import { parseConfig } from '@autoscale/config';
import {
  createDatabase,
  ensureDatabase,
  runMigrations,
  SOURCE_MIGRATIONS_FOLDER,
  upsertMetricSample,
} from '@autoscale/db';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { createCounters, createLogger } from '@autoscale/observability';
import { freePort, tcpProxy } from '@autoscale/testing';
import { createApp } from './app';
import { GatewayEnv } from './config';
import { SUMMARY_MAX_AGE_MS } from './routes/forecast-summaries';

const database = testDatabaseUrl();
const names = busNames('fastfail');
const READS = ['/api/resources', '/api/metrics?resource_id=web-1', '/api/forecast', '/api/alerts', '/api/config'];
let nats: TestNatsServer;
let nc: NatsConnection;
let proxyPort: number;
let proxy: ReturnType<typeof tcpProxy>;
let sql: ReturnType<typeof createDatabase>['sql'];
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  await ensureDatabase(database.url);
  await runMigrations(database.url, SOURCE_MIGRATIONS_FOLDER);
  const target = new URL(database.url);
  proxyPort = await freePort();
  proxy = tcpProxy(proxyPort, { host: target.hostname, port: Number(target.port) });
  await proxy.start();
  const viaProxy = new URL(database.url);
  viaProxy.port = String(proxyPort);
  const created = createDatabase(viaProxy.toString(), { max: 2 });
  sql = created.sql;
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
  const bus = busOver(
    nc,
    { BUS_NAMESPACE: 'fastfail', FORECASTER_PARTITIONS: names.partitions, STREAM_REPLICAS: 1, MAX_CLOCK_SKEW_SEC: 300 },
    { service: 'api-gateway', log: createLogger('test', 'silent'), counters: createCounters() },
  );
  await bus.ensure();
  await upsertMetricSample(created.db, {
    v: 1,
    provider: 'local',
    resourceId: 'web-1',
    ts: new Date().toISOString(),
    metrics: { cpu: 40 },
  });
  const config = parseConfig(GatewayEnv, { NATS_URL: nats.url, DATABASE_URL: viaProxy.toString() });
  app = createApp({ config, db: created.db, sql, nc, names, bus, counters: createCounters() });
}, 60_000);

afterAll(async () => {
  await nc?.close();
  await nats?.dispose();
  await sql?.end({ timeout: 1 });
  await proxy?.close();
  await database.drop();
});

/** Status and milliseconds taken by one request. */
async function timed(path: string, init?: RequestInit) {
  const started = performance.now();
  const res = await app.request(path, init);
  const body = await res.text();
  return { path, status: res.status, ms: performance.now() - started, body };
}

/** A server that accepts connections and never answers: a PostgreSQL that hangs. */
function blackHole(port: number) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => void sockets.add(s));
  return {
    start: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('gateway with a backing service down', () => {
  it('answers reads normally while everything is up', async () => {
    for (const path of READS) expect((await timed(path)).status, path).toBe(200);
  });

  it('answers every request 503 within 2 s while PostgreSQL refuses connections', async () => {
    await proxy.close();
    // The every-resource forecast summary is shared for up to a second (forecast-summaries.ts).
    await new Promise((resolve) => setTimeout(resolve, SUMMARY_MAX_AGE_MS));
    const results = await Promise.all(
      [...READS.filter((p) => p !== '/api/config'), '/api/health'].map((p) => timed(p)),
    );
    for (const r of results) {
      expect(r.status, r.path).toBe(503);
      expect(r.ms, r.path).toBeLessThan(2_000);
      expect(r.body, r.path).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    expect(JSON.parse(results.at(-1)?.body ?? '{}')).toMatchObject({ postgres: { up: false }, nats: { up: true } });
  });

  it('answers every request 503 within 2 s while PostgreSQL accepts connections but never answers', async () => {
    const hole = blackHole(proxyPort);
    await hole.start();
    try {
      const results = await Promise.all(
        [...READS.filter((p) => p !== '/api/config'), '/api/health'].map((p) => timed(p)),
      );
      for (const r of results) {
        expect(r.status, r.path).toBe(503);
        expect(r.ms, r.path).toBeLessThan(2_000);
      }
    } finally {
      await hole.close();
    }
  });

  it('serves reads from the read model again once PostgreSQL is back', async () => {
    await proxy.start();
    await expect.poll(async () => (await timed('/api/resources')).status, { timeout: 15_000, interval: 250 }).toBe(200);
  });

  it('keeps serving reads while NATS is down, and says 503 within 2 s for health and the test alert', async () => {
    await nats.stop();
    for (const path of READS) {
      const r = await timed(path);
      expect(r.status, path).toBe(200);
      expect(r.ms, path).toBeLessThan(2_000);
    }
    const health = await timed('/api/health');
    expect(health.status).toBe(503);
    expect(health.ms).toBeLessThan(2_000);
    expect(JSON.parse(health.body)).toMatchObject({ nats: { up: false }, postgres: { up: true } });
    const testAlert = await timed('/api/test-alert', { method: 'POST' });
    expect(testAlert.status).toBe(503);
    expect(testAlert.ms).toBeLessThan(2_000);
    await nats.start();
  });
});
