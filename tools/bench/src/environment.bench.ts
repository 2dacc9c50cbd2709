import { ensureBus } from '@autoscale/bus';
import { createTestBus } from '@autoscale/bus/testing';
import { createDatabase, ensureDatabase, runMigrations, SOURCE_MIGRATIONS_FOLDER } from '@autoscale/db';
import { testDatabaseUrl } from '@autoscale/db/testing';

/**
 * A bus namespace and a migrated database of the scenario's own on the real NATS and
 * PostgreSQL, so a benchmark never touches a running system; `close()` removes both.
 * `partitions` is the scenario's FORECASTER_PARTITIONS: the bench publishes with it and
 * every service started in the environment gets it (see startBuilt).
 */
export async function benchEnvironment(options: { partitions?: number } = {}) {
  const bus = await createTestBus(options);
  const jsm = await ensureBus(bus.nc, bus.names);
  const database = testDatabaseUrl();
  await ensureDatabase(database.url);
  await runMigrations(database.url, SOURCE_MIGRATIONS_FOLDER);
  // No statement timeout: the API scenario bulk-loads 2M rows in one statement.
  const { db, sql } = createDatabase(database.url, { max: 4, statementTimeoutMs: 0 });
  return {
    bus,
    jsm,
    databaseUrl: database.url,
    db,
    sql,
    async close() {
      await sql.end();
      await bus.cleanup();
      await database.drop();
    },
  };
}

export type BenchEnvironment = Awaited<ReturnType<typeof benchEnvironment>>;
