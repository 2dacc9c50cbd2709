import { drizzle } from 'drizzle-orm/postgres-js';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index';

/** The drizzle database; `$client` is its postgres.js pool, for cancellable read queries. */
export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

/**
 * A pooled connection and the drizzle database over it. A connection attempt gives up after
 * `connectTimeoutSec` and a statement after `statementTimeoutMs`, so an unreachable or stuck
 * server fails a query in seconds instead of hanging it. TLS comes from the URL
 * (`?sslmode=require`, `verify-full`).
 *
 * @example
 * const { db, sql } = createDatabase('postgres://postgres@127.0.0.1:5432/autoscale');
 * await sql.end();
 */
export function createDatabase(
  url: string,
  opts: { max?: number; connectTimeoutSec?: number; statementTimeoutMs?: number } = {},
) {
  const sql = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => undefined,
    connect_timeout: opts.connectTimeoutSec ?? 2,
    connection: { statement_timeout: opts.statementTimeoutMs ?? 10_000 },
  });
  return { sql, db: drizzle(sql, { schema }) as Database };
}

/** True when a trivial query succeeds within the connect timeout. */
export async function pingDatabase(sql: postgres.Sql): Promise<boolean> {
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  }
}
