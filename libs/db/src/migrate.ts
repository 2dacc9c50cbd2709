import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

/** Key of the advisory lock that serialises migrations across replicas. */
const MIGRATION_LOCK_KEY = 727_001;

/** The migrations drizzle-kit generated, as laid out in the source tree. */
export const SOURCE_MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Applies pending drizzle-kit migrations under a PostgreSQL advisory lock, so replicas
 * starting together migrate once and the others wait, then find nothing to do.
 *
 * @example
 * await runMigrations(process.env.DATABASE_URL, SOURCE_MIGRATIONS_FOLDER);
 */
export async function runMigrations(url: string, migrationsFolder: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined, connect_timeout: 10 });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migrate(drizzle(sql), { migrationsFolder });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await sql.end();
  }
}
