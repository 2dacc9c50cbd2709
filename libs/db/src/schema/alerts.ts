import { doublePrecision, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type {
  AlertKind,
  AlertSeverity,
  AlertStatus,
  Delivery,
  MetricName,
  SuppressedReason,
} from '@autoscale/contracts';

/**
 * One row per notification (alert id + kind), with its per-channel delivery results.
 * `status` sums them up: pending | delivered | failed | suppressed | silenced.
 */
export const alerts = pgTable(
  'alerts',
  {
    key: text('key').primaryKey(),
    id: text('id').notNull(),
    episodeId: text('episode_id'),
    resourceId: text('resource_id').notNull(),
    metric: text('metric').$type<MetricName>().notNull(),
    kind: text('kind').$type<AlertKind>().notNull(),
    severity: text('severity').$type<AlertSeverity>().notNull(),
    breachAt: timestamp('breach_at', { withTimezone: true, mode: 'date' }),
    message: text('message').notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true, mode: 'date' }).notNull(),
    forecastAt: timestamp('forecast_at', { withTimezone: true, mode: 'date' }),
    current: doublePrecision('current'),
    threshold: doublePrecision('threshold'),
    model: text('model'),
    deliveries: jsonb('deliveries').$type<Delivery[]>().notNull(),
    status: text('status').$type<AlertStatus>().notNull().default('delivered'),
    /** Why it was never sent: stale | silenced | acknowledged. */
    suppressed: text('suppressed').$type<SuppressedReason>(),
  },
  (t) => [
    index('alerts_fired_at_idx').on(t.firedAt),
    index('alerts_resource_fired_at_idx').on(t.resourceId, t.firedAt),
  ],
);
