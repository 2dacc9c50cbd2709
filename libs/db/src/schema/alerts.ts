import { doublePrecision, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Delivery } from '@autoscale/contracts';

/** One row per notification (alert id + kind), with its per-channel delivery results. */
export const alerts = pgTable(
  'alerts',
  {
    key: text('key').primaryKey(),
    id: text('id').notNull(),
    episodeId: text('episode_id'),
    resourceId: text('resource_id').notNull(),
    metric: text('metric').notNull(),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    breachAt: timestamp('breach_at', { withTimezone: true, mode: 'date' }),
    message: text('message').notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true, mode: 'date' }).notNull(),
    forecastAt: timestamp('forecast_at', { withTimezone: true, mode: 'date' }),
    current: doublePrecision('current'),
    threshold: doublePrecision('threshold'),
    model: text('model'),
    deliveries: jsonb('deliveries').$type<Delivery[]>().notNull(),
  },
  (t) => [index('alerts_fired_at_idx').on(t.firedAt)],
);
