import { latestForecasts, warmingUpResources } from '@autoscale/db';
import type { Database } from '@autoscale/db';
import { DEFAULT_FORECAST_OPTIONS } from '@autoscale/forecasting';
import { sharedReads } from '../paging/shared-reads';
import type { SharedBody } from '../paging/shared-reads';

/** Samples a series needs before the forecaster publishes its first forecast. */
export const NEEDED_SAMPLES = DEFAULT_FORECAST_OPTIONS.minSamples;

/**
 * How old the every-resource summary may be when served. Forecasts change once a poll
 * (10 s at the fastest), and a dashboard of 1,000 resources asks for all of them: reading
 * 2,000 rows and serialising ~400 KiB per request is what made this the slowest read.
 */
export const SUMMARY_MAX_AGE_MS = 1_000;

/**
 * `GET /api/forecast` without `resource_id`, read at most once per half
 * {@link SUMMARY_MAX_AGE_MS} and shared, already serialised (with its ETag), by every caller
 * (see sharedReads): under steady traffic no request waits for PostgreSQL, and with
 * PostgreSQL down the answer is the usual 503 a second later at most.
 */
export function forecastSummaries(db: Database) {
  const reads = sharedReads({ maxAgeMs: SUMMARY_MAX_AGE_MS, maxKeys: 2 });
  return (points: boolean): Promise<SharedBody> =>
    reads(String(points), async () => {
      const [forecasts, warming] = await Promise.all([latestForecasts(db, { points }), warmingUpResources(db)]);
      return { forecasts, warmingUp: warming.map((w) => ({ ...w, needed: NEEDED_SAMPLES })) };
    });
}
