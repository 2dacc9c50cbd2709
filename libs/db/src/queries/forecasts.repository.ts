import { sql } from 'drizzle-orm';
import type { ForecastUpdated } from '@autoscale/contracts';
import type { Database } from '../client';
import { forecasts } from '../schema/index';

const dateOrNull = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/** Keeps the newest forecast per (resource, metric); an older or repeated one changes nothing. */
export async function upsertForecast(db: Database, event: ForecastUpdated): Promise<void> {
  const row = {
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
  };
  const { resourceId: _r, metric: _m, ...changes } = row;
  await db
    .insert(forecasts)
    .values(row)
    .onConflictDoUpdate({
      target: [forecasts.resourceId, forecasts.metric],
      set: changes,
      setWhere: sql`excluded.generated_at >= ${forecasts.generatedAt}`,
    });
}
