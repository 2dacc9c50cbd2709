import postgres from 'postgres';

const DUPLICATE_DATABASE = '42P04';

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
      if (error.code !== DUPLICATE_DATABASE) throw error;
    });
  } finally {
    await sql.end();
  }
}
