import { createDatabase } from '../client';
import { ensureDatabase } from '../ensure-database';
import { runMigrations, SOURCE_MIGRATIONS_FOLDER } from '../migrate';
import { testDatabaseUrl } from './test-database';

/**
 * A fresh database of the test's own with every migration applied; `close()` drops it.
 * `options` are the pool's (see createDatabase).
 *
 * @example
 * const database = await migratedTestDatabase();
 * afterAll(() => database.close());
 */
export async function migratedTestDatabase(options: Parameters<typeof createDatabase>[1] = { max: 3 }) {
  const target = testDatabaseUrl();
  await ensureDatabase(target.url);
  await runMigrations(target.url, SOURCE_MIGRATIONS_FOLDER);
  const { db, sql } = createDatabase(target.url, options);
  return {
    url: target.url,
    db,
    sql,
    async close() {
      await sql.end();
      await target.drop();
    },
  };
}
