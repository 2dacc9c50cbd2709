import { afterAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { ensureDatabase } from './ensure-database';
import { testDatabaseUrl } from './testing/index';

const databases: Array<ReturnType<typeof testDatabaseUrl>> = [];
const fresh = () => {
  const database = testDatabaseUrl();
  databases.push(database);
  return database;
};

afterAll(async () => {
  for (const database of databases) await database.drop();
});

async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined, connect_timeout: 5 });
  try {
    const [row] = await sql<Array<{ name: string }>>`select current_database() as name`;
    return row?.name === new URL(url).pathname.slice(1);
  } catch {
    return false;
  } finally {
    await sql.end();
  }
}

describe('ensureDatabase', () => {
  it('creates the database named in the URL when it does not exist', async () => {
    const database = fresh();
    expect(await canConnect(database.url)).toBe(false);

    await ensureDatabase(database.url);

    expect(await canConnect(database.url)).toBe(true);
  });

  it('is harmless when the database already exists, and keeps its data', async () => {
    const database = fresh();
    await ensureDatabase(database.url);
    const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
    await sql`create table kept (n int)`;
    await sql`insert into kept values (7)`;

    await expect(ensureDatabase(database.url)).resolves.toBeUndefined();

    expect(await sql`select n from kept`).toEqual([{ n: 7 }]);
    await sql.end();
  });

  it('lets several replicas create the same database concurrently', async () => {
    const database = fresh();

    const replicas = [1, 2, 3].map(() => ensureDatabase(database.url));

    await expect(Promise.all(replicas)).resolves.toEqual([undefined, undefined, undefined]);

    expect(await canConnect(database.url)).toBe(true);
  });

  it('rejects a URL that names no database', async () => {
    await expect(ensureDatabase('postgres://postgres@127.0.0.1:5432/')).rejects.toThrow(/names no database/);
  });
});
