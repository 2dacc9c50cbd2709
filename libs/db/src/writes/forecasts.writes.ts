import { sql } from 'drizzle-orm';
import type { ForecastUpdated } from '@autoscale/contracts';
import type { Database } from '../client';
import { forecasts } from '../schema/index';
import { chunks, lastByKey } from './last-by-key';

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
    resource_id: event.resourceId,
    metric: event.metric,
    generated_at: event.generatedAt,
    model: event.model,
    threshold: event.threshold,
    current: event.current,
    slope_per_min: event.slopePerMin,
    breach_at: event.breachAt ?? null,
    breach_in_min: event.breachInMin,
    interval_earliest: event.interval?.earliest ?? null,
    interval_latest: event.interval?.latest ?? null,
    points: event.points,
    samples: event.samples,
  }));
  for (const part of chunks(rows)) {
    // The batch as one JSON parameter read back by PostgreSQL: drizzle binding thirteen
    // parameters a row (the points as JSON each) cost more of the gateway's CPU than the rest.
    await db.execute(sql`
      insert into ${forecasts} (resource_id, metric, generated_at, model, threshold, current, slope_per_min,
        breach_at, breach_in_min, interval_earliest, interval_latest, points, samples)
      select resource_id, metric, generated_at, model, threshold, current, slope_per_min,
        breach_at, breach_in_min, interval_earliest, interval_latest, points, samples
      from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as u(resource_id text, metric text, generated_at timestamptz,
        model text, threshold float8, current float8, slope_per_min float8, breach_at timestamptz, breach_in_min float8,
        interval_earliest timestamptz, interval_latest timestamptz, points jsonb, samples int)
      on conflict (resource_id, metric) do update set
        generated_at = excluded.generated_at, model = excluded.model, threshold = excluded.threshold,
        current = excluded.current, slope_per_min = excluded.slope_per_min, breach_at = excluded.breach_at,
        breach_in_min = excluded.breach_in_min, interval_earliest = excluded.interval_earliest,
        interval_latest = excluded.interval_latest, points = excluded.points, samples = excluded.samples
      where excluded.generated_at >= ${forecasts.generatedAt}`);
  }
}
