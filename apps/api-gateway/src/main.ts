import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { busNames } from '@autoscale/contracts';
import { connectNats, createJetStream, ensureBus, registerService } from '@autoscale/bus';
import { createDatabase, ensureDatabase, runMigrations } from '@autoscale/db';
import { loadAlertRulesOrExit } from '@autoscale/config';
import { createCounters, createLogger, onShutdown, retryWithBackoff } from '@autoscale/observability';
import { createApp } from './app';
import { loadGatewayConfig } from './config';
import { startProjections } from './projections';
import { startRetention } from './retention';
import { ensureReadModelFed } from './read-model-rebuild';

const config = loadGatewayConfig();
loadAlertRulesOrExit('api-gateway', config.ALERT_RULES_FILE);
const log = createLogger('api-gateway', config.LOG_LEVEL);
const counters = createCounters();
const names = busNames(config.BUS_NAMESPACE, config.FORECASTER_PARTITIONS);
/** Retention runs at start and hourly: deletes are batched, so a run is short once caught up. */
const RETENTION_EVERY_MS = 3_600_000;
// The build copies libs/db/drizzle next to the bundle.
const migrationsFolder = config.MIGRATIONS_DIR ?? fileURLToPath(new URL('./drizzle', import.meta.url));

await retryWithBackoff(
  async () => {
    await ensureDatabase(config.DATABASE_URL);
    await runMigrations(config.DATABASE_URL, migrationsFolder);
  },
  { what: 'PostgreSQL', log },
);
log.info('database migrated');
const { db, sql } = createDatabase(config.DATABASE_URL);

const nc = await connectNats({ url: config.NATS_URL, name: 'api-gateway', log, security: config });
const jsm = await retryWithBackoff(() => ensureBus(nc, names, { replicas: config.STREAM_REPLICAS }), { what: 'JetStream', log });
await retryWithBackoff(() => ensureReadModelFed({ nc, jsm, db, names, log }), { what: 'read model check', log });
await registerService(nc, names, 'api-gateway', counters);
const projections = await startProjections({
  js: createJetStream(nc),
  db,
  names,
  log,
  counters,
  bounds: { now: Date.now, maxClockSkewSec: config.MAX_CLOCK_SKEW_SEC },
});

const retention = startRetention({ db, days: config.METRICS_RETENTION_DAYS, everyMs: RETENTION_EVERY_MS, log, counters });

const closing = new AbortController();
const app = createApp({ config, db, sql, nc, names, counters, closing: closing.signal, onError: (err) => log.error({ err }, 'request failed') });
const server = serve({ fetch: app.fetch, port: config.PORT }, (info) =>
  log.info({ port: info.port }, 'api-gateway ready'),
);

onShutdown(log, async () => {
  closing.abort();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would otherwise hold close() open until they time out.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
  await projections.stop();
  await retention.stop();
  await nc.drain();
  await sql.end({ timeout: 5 });
});
