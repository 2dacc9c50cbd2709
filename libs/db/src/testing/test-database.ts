import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/**
 * The URL of a database of the test's own (`autoscale_test_<random>`), not yet created,
 * so a test can also check that it gets created. `drop` removes it.
 *
 * @example
 * const database = testDatabaseUrl();
 * afterAll(() => database.drop());
 */
export function testDatabaseUrl() {
  const server = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `autoscale_test_${randomBytes(5).toString('hex')}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const sql = postgres(server, { max: 1, onnotice: () => undefined });
      try {
        await sql.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await sql.end();
      }
    },
  };
}
