import { createDatabase } from '../client';
import { ensureDatabase } from '../ensure-database';
import { runMigrations, SOURCE_MIGRATIONS_FOLDER } from '../migrate';
import { testDatabaseUrl } from './test-database';

/**
 * A fresh database of the test's own with every migration applied; `close()` drops it.
 *
 * @example
 * const database = await migratedTestDatabase();
 * afterAll(() => database.close());
 */
export async function migratedTestDatabase() {
  const target = testDatabaseUrl();
  await ensureDatabase(target.url);
  await runMigrations(target.url, SOURCE_MIGRATIONS_FOLDER);
  const { db, sql } = createDatabase(target.url, { max: 3 });
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
