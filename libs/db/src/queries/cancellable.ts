import type { PendingQuery, Row } from 'postgres';

const QUERY_CANCELED = '57014';

/** True for the error a query cancelled by {@link cancellable} rejects with. */
export const isQueryCancelled = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === QUERY_CANCELED;

/**
 * Runs a postgres.js query and cancels it on the server when `signal` aborts (a client that
 * went away), so an abandoned request stops using a connection and CPU at once.
 *
 * PostgreSQL cancels whatever statement its backend runs when the cancel arrives, and
 * postgres.js pipelines queries on a connection: a cancel sent just as our query finished can
 * hit the next request's query. So a query cancelled while its own signal is not aborted was
 * hit by someone else's cancel, and is run once more.
 *
 * @example
 * const rows = await cancellable(() => sql`select * from resources`, c.req.raw.signal);
 */
export async function cancellable<T extends readonly Row[]>(
  query: () => PendingQuery<T>,
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await runCancellable(query(), signal);
  } catch (error) {
    if (!isQueryCancelled(error) || signal?.aborted) throw error;
    return runCancellable(query(), signal);
  }
}

async function runCancellable<T extends readonly Row[]>(query: PendingQuery<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return query;
  if (signal.aborted) query.cancel();
  const cancel = () => query.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    return await query;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

/**
 * A timestamp read through the drizzle-owned postgres.js client, which hands timestamps back
 * as PostgreSQL's text (drizzle turns the client's date parsing off), as ISO 8601.
 *
 * @example
 * toIso('2026-03-01 12:00:00+00'); // '2026-03-01T12:00:00.000Z'
 */
export const toIso = (value: Date | string): string => new Date(value).toISOString();
