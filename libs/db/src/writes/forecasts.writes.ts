import { sql } from 'drizzle-orm';
import type { ForecastUpdated } from '@autoscale/contracts';
import type { Database } from '../client';
import { forecasts } from '../schema/index';
import { chunks, lastByKey } from './last-by-key';

const dateOrNull = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/**
 * Keeps the newest forecast per (resource, metric) with one multi-row upsert per 1,000:
 * of several forecasts for one series in the batch the newest is written, and a stored
 * forecast is replaced only by one at least as new, so redeliveries change nothing.
 *
 * @example
 * await upsertForecasts(db, batch.map((d) => d.event));
 */
export async function upsertForecasts(db: Database, events: readonly ForecastUpdated[]): Promise<void> {
  const oldestFirst = [...events].sort((a, b) => Date.parse(a.generatedAt) - Date.parse(b.generatedAt));
  const rows = lastByKey(oldestFirst, (e) => `${e.resourceId}\u0000${e.metric}`).map((event) => ({
    resourceId: event.resourceId,
    metric: event.metric,
    generatedAt: new Date(event.generatedAt),
    model: event.model,
    threshold: event.threshold,
    current: event.current,
    slopePerMin: event.slopePerMin,
    breachAt: dateOrNull(event.breachAt),
    breachInMin: event.breachInMin,
    intervalEarliest: dateOrNull(event.interval?.earliest),
    intervalLatest: dateOrNull(event.interval?.latest),
    points: event.points,
    samples: event.samples,
  }));
  for (const part of chunks(rows)) {
    await db
      .insert(forecasts)
      .values(part)
      .onConflictDoUpdate({
        target: [forecasts.resourceId, forecasts.metric],
        set: {
          generatedAt: sql`excluded.generated_at`,
          model: sql`excluded.model`,
          threshold: sql`excluded.threshold`,
          current: sql`excluded.current`,
          slopePerMin: sql`excluded.slope_per_min`,
          breachAt: sql`excluded.breach_at`,
          breachInMin: sql`excluded.breach_in_min`,
          intervalEarliest: sql`excluded.interval_earliest`,
          intervalLatest: sql`excluded.interval_latest`,
          points: sql`excluded.points`,
          samples: sql`excluded.samples`,
        },
        setWhere: sql`excluded.generated_at >= ${forecasts.generatedAt}`,
      });
  }
}
