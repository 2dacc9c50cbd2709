import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { ensureDatabase } from './ensure-database';
import { runMigrations, SOURCE_MIGRATIONS_FOLDER } from './migrate';
import { testDatabaseUrl } from './testing/index';

describe('runMigrations', () => {
  const database = testDatabaseUrl();
  let sql: postgres.Sql;

  beforeAll(async () => {
    await ensureDatabase(database.url);
    sql = postgres(database.url, { max: 1, onnotice: () => undefined });
  });
  afterAll(async () => {
    await sql.end();
    await database.drop();
  });

  const tables = async () =>
    (
      await sql<Array<{ table_name: string }>>`
        select table_name from information_schema.tables
        where table_schema = 'public' order by table_name`
    ).map((r) => r.table_name);

  it('lets two replicas migrate concurrently: both succeed and the tables exist once', async () => {
    await expect(
      Promise.all([
        runMigrations(database.url, SOURCE_MIGRATIONS_FOLDER),
        runMigrations(database.url, SOURCE_MIGRATIONS_FOLDER),
      ]),
    ).resolves.toEqual([undefined, undefined]);

    expect(await tables()).toEqual(['alerts', 'forecasts', 'metrics']);
    // Each migration of the journal applied once, not twice.
    const journal = JSON.parse(readFileSync(join(SOURCE_MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    const applied = await sql`select hash from drizzle.__drizzle_migrations`;
    expect(applied).toHaveLength(journal.entries.length);
  });

  it('finds nothing to do on a migrated database and keeps its rows', async () => {
    await sql`insert into metrics (resource_id, ts, provider, cpu) values ('kept', now(), 'local', 1)`;

    await runMigrations(database.url, SOURCE_MIGRATIONS_FOLDER);

    expect(await tables()).toEqual(['alerts', 'forecasts', 'metrics']);
    expect(await sql`select resource_id from metrics`).toEqual([{ resource_id: 'kept' }]);
  });

  it('releases the advisory lock, so a later migration is not blocked', async () => {
    const [row] = await sql<Array<{ got: boolean }>>`select pg_try_advisory_lock(727001) as got`;
    await sql`select pg_advisory_unlock_all()`;
    expect(row?.got).toBe(true);
  });
});
