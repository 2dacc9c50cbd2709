import { asc, eq, sql } from 'drizzle-orm';
import type { ForecastPoint, ForecastUpdated } from '@autoscale/contracts';
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

export type ForecastView = {
  resourceId: string;
  metric: string;
  generatedAt: string;
  model: string;
  threshold: number;
  current: number;
  slopePerMin: number;
  breachAt: string | null;
  breachInMin: number | null;
  interval: { earliest: string | null; latest: string | null } | null;
  points: ForecastPoint[];
  samples: number;
};

/** The latest forecast of each metric, of one resource or of all. */
export async function latestForecasts(db: Database, resourceId?: string): Promise<ForecastView[]> {
  const query = db.select().from(forecasts);
  const rows = await (resourceId ? query.where(eq(forecasts.resourceId, resourceId)) : query).orderBy(
    asc(forecasts.resourceId),
    asc(forecasts.metric),
  );
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return rows.map((r) => ({
    resourceId: r.resourceId,
    metric: r.metric,
    generatedAt: r.generatedAt.toISOString(),
    model: r.model,
    threshold: r.threshold,
    current: r.current,
    slopePerMin: r.slopePerMin,
    breachAt: iso(r.breachAt),
    breachInMin: r.breachInMin,
    interval: r.intervalEarliest ? { earliest: iso(r.intervalEarliest), latest: iso(r.intervalLatest) } : null,
    points: r.points,
    samples: r.samples,
  }));
}
