import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
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

    expect(await tables()).toEqual([
      'alert_acks',
      'alerts',
      'forecasts',
      'metrics',
      'read_model_marker',
      'resources',
      'scale_decisions',
    ]);
    // Each migration of the journal applied once, not twice.
    const journal = JSON.parse(readFileSync(join(SOURCE_MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    const applied = await sql`select hash from drizzle.__drizzle_migrations`;
    expect(applied).toHaveLength(journal.entries.length);
  });

  it('finds nothing to do on a migrated database and keeps its rows', async () => {
    await sql`insert into metrics (resource_id, ts, provider, cpu) values ('kept', now(), 'local', 1)`;

    await runMigrations(database.url, SOURCE_MIGRATIONS_FOLDER);

    expect(await tables()).toEqual([
      'alert_acks',
      'alerts',
      'forecasts',
      'metrics',
      'read_model_marker',
      'resources',
      'scale_decisions',
    ]);
    expect(await sql`select resource_id from metrics`).toEqual([{ resource_id: 'kept' }]);
  });

  it('releases the advisory lock, so a later migration is not blocked', async () => {
    const [row] = await sql<Array<{ got: boolean }>>`select pg_try_advisory_lock(727001) as got`;
    await sql`select pg_advisory_unlock_all()`;
    expect(row?.got).toBe(true);
  });
});

describe('the resources migration', () => {
  const database = testDatabaseUrl();
  let sql: postgres.Sql;
  let firstOnly: string;

  beforeAll(async () => {
    await ensureDatabase(database.url);
    sql = postgres(database.url, { max: 1, onnotice: () => undefined });
    // The migrations as they stood before the resources table: the first one only.
    firstOnly = await mkdtemp(join(tmpdir(), 'migrations-'));
    await cp(SOURCE_MIGRATIONS_FOLDER, firstOnly, { recursive: true });
    const journalPath = join(firstOnly, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: unknown[] };
    await writeFile(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
  });
  afterAll(async () => {
    await sql.end();
    await database.drop();
    await rm(firstOnly, { recursive: true, force: true });
  });

  it('fills the resources table from the metric rows already stored', async () => {
    await runMigrations(database.url, firstOnly);
    await sql`
      insert into metrics (resource_id, ts, provider, cpu, mem) values
        ('web-1', '2026-03-01T12:00:00Z', 'aws', 10, null),
        ('web-1', '2026-03-01T12:05:00Z', 'aws', 15, 40),
        ('web-1', '2026-03-01T12:10:00Z', 'aws', 20, null),
        ('db-1', '2026-03-01T11:00:00Z', 'gcp', 70, null)`;

    await runMigrations(database.url, SOURCE_MIGRATIONS_FOLDER);

    const rows = await sql`
      select resource_id, provider, first_seen, last_seen, cpu, mem, memory_available, samples::int as samples
      from resources order by resource_id`;
    expect(rows).toEqual([
      {
        resource_id: 'db-1',
        provider: 'gcp',
        first_seen: new Date('2026-03-01T11:00:00Z'),
        last_seen: new Date('2026-03-01T11:00:00Z'),
        cpu: 70,
        mem: null,
        memory_available: false,
        samples: 1,
      },
      {
        resource_id: 'web-1',
        provider: 'aws',
        first_seen: new Date('2026-03-01T12:00:00Z'),
        last_seen: new Date('2026-03-01T12:10:00Z'),
        cpu: 20,
        mem: null,
        memory_available: true,
        samples: 3,
      },
    ]);
  });
});
