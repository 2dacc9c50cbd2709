import postgres from 'postgres';

/**
 * What the loser of a create race sees: `duplicate_database`, or — when both `create database`
 * statements passed the existence check at once — `unique_violation` on pg_database's name index.
 */
const ALREADY_CREATED = new Set(['42P04', '23505']);

/**
 * Creates the database named in `url` when it does not exist, connecting to the server's
 * `postgres` database to do so. Two replicas racing to create it is harmless.
 *
 * @example
 * await ensureDatabase('postgres://postgres@127.0.0.1:5432/autoscale');
 */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => undefined, connect_timeout: 10 });
  try {
    const found = await sql`select 1 from pg_database where datname = ${name}`;
    if (found.length > 0) return;
    await sql.unsafe(`create database "${name.replaceAll('"', '""')}"`).catch((error: { code?: string }) => {
      if (!ALREADY_CREATED.has(error.code ?? '')) throw error;
    });
  } finally {
    await sql.end();
  }
}
