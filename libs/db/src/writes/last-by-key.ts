/**
 * One item per key, the last one given winning: a multi-row `insert … on conflict` may not
 * touch one row twice, so duplicates inside a batch (a redelivery next to its original)
 * are removed first. Keeps the order of first appearance.
 *
 * @example
 * lastByKey([{ k: 'a', v: 1 }, { k: 'a', v: 2 }], (x) => x.k) // [{ k: 'a', v: 2 }]
 */
export function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(key(item), item);
  return [...byKey.values()];
}

/**
 * Rows per statement, for every batch write: PostgreSQL takes at most 65,535 parameters a
 * statement, and the widest rows here (scale decisions) bind 27 a row. Consumers hand
 * batches of at most 500 messages, so one statement a batch is the rule.
 */
export const MAX_ROWS_PER_STATEMENT = 1000;

/**
 * Splits rows into statements of at most {@link MAX_ROWS_PER_STATEMENT}.
 *
 * @example
 * for (const part of chunks(rows)) await db.insert(table).values(part);
 */
export function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += MAX_ROWS_PER_STATEMENT) out.push(rows.slice(i, i + MAX_ROWS_PER_STATEMENT));
  return out;
}
