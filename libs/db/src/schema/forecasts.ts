import { doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { ForecastPoint } from '@autoscale/contracts';

/** The latest forecast per (resource, metric): a newer one replaces it, an older one is ignored. */
export const forecasts = pgTable(
  'forecasts',
  {
    resourceId: text('resource_id').notNull(),
    metric: text('metric').notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true, mode: 'date' }).notNull(),
    model: text('model').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    current: doublePrecision('current').notNull(),
    slopePerMin: doublePrecision('slope_per_min').notNull(),
    breachAt: timestamp('breach_at', { withTimezone: true, mode: 'date' }),
    breachInMin: doublePrecision('breach_in_min'),
    intervalEarliest: timestamp('interval_earliest', { withTimezone: true, mode: 'date' }),
    intervalLatest: timestamp('interval_latest', { withTimezone: true, mode: 'date' }),
    points: jsonb('points').$type<ForecastPoint[]>().notNull(),
    samples: integer('samples').notNull(),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.metric] })],
);
