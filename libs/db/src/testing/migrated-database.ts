import { createDatabase } from '../client';
import { ensureDatabase } from '../ensure-database';
import { runMigrations, SOURCE_MIGRATIONS_FOLDER } from '../migrate';
import { testDatabaseUrl } from './test-database';

/**
 * A database of the test's own, created and migrated, with a client; `close` ends the
 * client and drops the database.
 *
 * @example
 * const database = await migratedTestDatabase();
 * afterAll(() => database.close());
 */
export async function migratedTestDatabase() {
  const database = testDatabaseUrl();
  await ensureDatabase(database.url);
  await runMigrations(database.url, SOURCE_MIGRATIONS_FOLDER);
  const { db, sql } = createDatabase(database.url, { max: 2 });
  return {
    db,
    sql,
    async close() {
      await sql.end();
      await database.drop();
    },
  };
}
