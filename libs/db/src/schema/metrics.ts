import { doublePrecision, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per sample; a metric the provider does not have is NULL, never 0. */
export const metrics = pgTable(
  'metrics',
  {
    resourceId: text('resource_id').notNull(),
    ts: timestamp('ts', { withTimezone: true, mode: 'date' }).notNull(),
    provider: text('provider').notNull(),
    cpu: doublePrecision('cpu'),
    mem: doublePrecision('mem'),
    labels: jsonb('labels').$type<Record<string, string>>(),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.ts] }), index('metrics_ts_idx').on(t.ts)],
);
