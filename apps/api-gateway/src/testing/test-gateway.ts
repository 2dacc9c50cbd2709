import { parseConfig } from '@autoscale/config';
import { createTestBus } from '@autoscale/bus/testing';
import { createDatabase, ensureDatabase, runMigrations, SOURCE_MIGRATIONS_FOLDER } from '@autoscale/db';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { createCounters } from '@autoscale/observability';
import { createApp } from '../app';
import type { AppOptions } from '../app';
import { GatewayEnv } from '../config';

/**
 * The gateway's app in-process over a migrated database and a bus namespace of the test's
 * own. `app(env)` builds one with more variables; `close()` removes everything.
 *
 * @example
 * const gateway = await createTestGateway();
 * const res = await gateway.app({ API_TOKEN: 'secret-token-of-24-characters' }).request('/api/config');
 */
export async function createTestGateway() {
  const database = testDatabaseUrl();
  await ensureDatabase(database.url);
  await runMigrations(database.url, SOURCE_MIGRATIONS_FOLDER);
  const bus = await createTestBus();
  // As main.ts does: the streams exist (the audit trail publishes into AUDIT).
  await bus.bus.ensure();
  const { db, sql } = createDatabase(database.url, { max: 2 });
  const unexpected: unknown[] = [];

  const app = (env: Record<string, string> = {}, options: Omit<AppOptions, 'onError'> = {}) =>
    createApp({
      ...options,
      config: parseConfig(GatewayEnv, {
        NATS_URL: bus.url,
        BUS_NAMESPACE: bus.namespace,
        DATABASE_URL: database.url,
        ...env,
      }),
      db,
      sql,
      nc: bus.nc,
      names: bus.names,
      bus: bus.bus,
      counters: createCounters(),
      onError: (error) => unexpected.push(error),
    });

  return {
    app,
    databaseUrl: database.url,
    db,
    sql,
    bus,
    /** Errors that reached the app's error handler (would have been a 503). */
    unexpected,
    async close() {
      await sql.end();
      await bus.cleanup();
      await database.drop();
    },
  };
}

export type TestGateway = Awaited<ReturnType<typeof createTestGateway>>;
