import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { ActuationStatus, MetricName, ScaleAction, ScaleMemberInput, ScaleMode } from '@autoscale/contracts';

/**
 * One row per scale decision (target + forecast time, the event's dedupe id), with its inputs,
 * its reason and where executing it stands (the newest actuation update; null for decisions
 * not executed).
 */
export const scaleDecisions = pgTable(
  'scale_decisions',
  {
    key: text('key').primaryKey(),
    target: text('target').notNull(),
    metric: text('metric').$type<MetricName>().notNull(),
    forecastAt: timestamp('forecast_at', { withTimezone: true, mode: 'date' }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull(),
    mode: text('mode').$type<ScaleMode>().notNull(),
    paused: boolean('paused').notNull(),
    action: text('action').$type<ScaleAction>().notNull(),
    current: integer('current').notNull(),
    desired: integer('desired').notNull(),
    forecastCapacity: integer('forecast_capacity').notNull(),
    currentUtilization: doublePrecision('current_utilization'),
    expectedUtilization: doublePrecision('expected_utilization'),
    breachProbability: doublePrecision('breach_probability'),
    targetUtilization: doublePrecision('target_utilization').notNull(),
    minCapacity: integer('min_capacity').notNull(),
    maxCapacity: integer('max_capacity').notNull(),
    leadMin: doublePrecision('lead_min').notNull(),
    actuator: text('actuator').notNull(),
    execute: boolean('execute').notNull(),
    reason: text('reason').notNull(),
    members: jsonb('members').$type<ScaleMemberInput[]>().notNull(),
    actuationStatus: text('actuation_status').$type<ActuationStatus>(),
    actuationAttempts: integer('actuation_attempts'),
    actuationApplied: integer('actuation_applied'),
    actuationError: text('actuation_error'),
    actuationAt: timestamp('actuation_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('scale_decisions_target_forecast_at_idx').on(t.target, t.forecastAt)],
);
