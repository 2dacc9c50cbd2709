import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { openBus } from '@autoscale/bus';
import { createDatabase, ensureDatabase, runMigrations } from '@autoscale/db';
import { loadAlertRulesOrExit } from '@autoscale/config';
import { createCounters, createLogger, onShutdown, retryWithBackoff } from '@autoscale/observability';
import { MS_PER_HOUR } from '@autoscale/time-units';
import { createApp } from './app';
import { loadGatewayConfig } from './config';
import { startProjections } from './projections';
import { startRetention } from './retention';
import { gatewayProgress } from './pipeline-progress';
import { ensureReadModelFed } from './read-model-rebuild';

const config = loadGatewayConfig();
loadAlertRulesOrExit('api-gateway', config.ALERT_RULES_FILE);
const log = createLogger('api-gateway', config.LOG_LEVEL);
const counters = createCounters();
/** Retention runs at start and hourly: deletes are batched, so a run is short once caught up. */
const RETENTION_EVERY_MS = MS_PER_HOUR;
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

const bus = await openBus(config, { service: 'api-gateway', log, counters });
const { nc, names } = bus;
await bus.ensure();
await retryWithBackoff(() => ensureReadModelFed({ bus, db, log }), { what: 'read model check', log });
await bus.register();
const projections = await startProjections({
  nc: bus.nc,
  js: bus.js,
  db,
  names,
  log,
  counters,
  bounds: bus.bounds,
  // One lease TTL: sooner than /api/health calls a durable stalled (two TTLs).
  recreateWhenStalledMs: config.PARTITION_LEASE_TTL_SEC * 1000,
});

const retention = startRetention({
  db,
  days: config.METRICS_RETENTION_DAYS,
  everyMs: RETENTION_EVERY_MS,
  log,
  counters,
});

const closing = new AbortController();
// Read every few seconds, so a stall is timed from when it began rather than from the first health request.
const progress = gatewayProgress({ nc, names, config });
const watching = setInterval(() => void progress.read(), 5_000);
const app = createApp({
  config,
  db,
  sql,
  nc,
  names,
  bus,
  counters,
  progress,
  closing: closing.signal,
  onError: (err) => log.error({ err }, 'request failed'),
});
const server = serve({ fetch: app.fetch, port: config.PORT }, (info) =>
  log.info({ port: info.port }, 'api-gateway ready'),
);

onShutdown(log, async () => {
  closing.abort();
  clearInterval(watching);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would otherwise hold close() open until they time out.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
  await projections.stop();
  await retention.stop();
  await bus.close();
  await sql.end({ timeout: 5 });
});
