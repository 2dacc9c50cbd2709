import { bigint, boolean, doublePrecision, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per resource ever sampled, kept by the metrics projection in the same transaction
 * as the samples: the resource list and the newest values without scanning `metrics`.
 * `cpu`/`mem`/`provider`/`labels` are those of the newest sample (`last_seen`); `samples` counts the
 * rows of the resource in `metrics` (inserts add, retention subtracts, redeliveries do not).
 */
export const resources = pgTable(
  'resources',
  {
    resourceId: text('resource_id').primaryKey(),
    provider: text('provider').notNull(),
    firstSeen: timestamp('first_seen', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeen: timestamp('last_seen', { withTimezone: true, mode: 'date' }).notNull(),
    cpu: doublePrecision('cpu'),
    mem: doublePrecision('mem'),
    memoryAvailable: boolean('memory_available').notNull().default(false),
    samples: bigint('samples', { mode: 'number' }).notNull().default(0),
    /** The newest sample's labels (Prometheus series labels, zone…); null when it had none. */
    labels: jsonb('labels').$type<Record<string, string>>(),
  },
  (t) => [index('resources_last_seen_idx').on(t.lastSeen)],
);
