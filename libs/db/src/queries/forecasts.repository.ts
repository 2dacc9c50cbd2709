import { asc, eq } from 'drizzle-orm';
import { upsertForecasts } from '../writes/forecasts.writes';
import type { ForecastPoint, ForecastUpdated } from '@autoscale/contracts';
import type { Database } from '../client';
import { forecasts } from '../schema/index';

/** One forecast: {@link upsertForecasts} with a batch of one. */
export const upsertForecast = (db: Database, event: ForecastUpdated) => upsertForecasts(db, [event]);

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
