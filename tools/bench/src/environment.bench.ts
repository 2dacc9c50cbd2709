import { ensureBus } from '@autoscale/bus';
import { createTestBus } from '@autoscale/bus/testing';
import { migratedTestDatabase } from '@autoscale/db/testing';

/**
 * A bus namespace and a migrated database of the scenario's own on the real NATS and
 * PostgreSQL, so a benchmark never touches a running system; `close()` removes both.
 * `partitions` is the scenario's FORECASTER_PARTITIONS: the bench publishes with it and
 * every service started in the environment gets it (see startBuilt).
 */
export async function benchEnvironment(options: { partitions?: number } = {}) {
  const bus = await createTestBus(options);
  const jsm = await ensureBus(bus.nc, bus.names, { replicas: 1 });
  // No statement timeout: the API scenario bulk-loads 2M rows in one statement.
  const database = await migratedTestDatabase({ max: 4, statementTimeoutMs: 0 });
  return {
    bus,
    jsm,
    databaseUrl: database.url,
    db: database.db,
    sql: database.sql,
    async close() {
      await bus.cleanup();
      await database.close();
    },
  };
}

export type BenchEnvironment = Awaited<ReturnType<typeof benchEnvironment>>;
