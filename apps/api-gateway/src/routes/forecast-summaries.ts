import { LRUCache } from 'lru-cache';
import { latestForecasts, warmingUpResources } from '@autoscale/db';
import type { Database } from '@autoscale/db';
import { DEFAULT_FORECAST_OPTIONS } from '@autoscale/forecasting';

/** Samples a series needs before the forecaster publishes its first forecast. */
export const NEEDED_SAMPLES = DEFAULT_FORECAST_OPTIONS.minSamples;

/**
 * How old the every-resource summary may be when served. Forecasts change once a poll
 * (10 s at the fastest), and a dashboard of 1,000 resources asks for all of them: reading
 * 2,000 rows and serialising ~400 KiB per request is what made this the slowest read.
 */
export const SUMMARY_MAX_AGE_MS = 1_000;

type SummaryKind = 'summary' | 'points';

/**
 * `GET /api/forecast` without `resource_id`, read at most once per {@link SUMMARY_MAX_AGE_MS}
 * and shared, already serialised, by every caller: callers that arrive while it is read
 * wait for that one read. Nothing older than {@link SUMMARY_MAX_AGE_MS} is served, so with
 * PostgreSQL down the answer is the usual 503 a second later at most.
 */
export function forecastSummaries(db: Database) {
  const cache = new LRUCache<SummaryKind, string>({
    max: 2,
    ttl: SUMMARY_MAX_AGE_MS,
    fetchMethod: async (kind) => {
      const [forecasts, warming] = await Promise.all([
        latestForecasts(db, { points: kind === 'points' }),
        warmingUpResources(db),
      ]);
      return JSON.stringify({ forecasts, warmingUp: warming.map((w) => ({ ...w, needed: NEEDED_SAMPLES })) });
    },
  });
  return async (points: boolean): Promise<string> => {
    const body = await cache.fetch(points ? 'points' : 'summary');
    if (body === undefined) throw new Error('the forecast summary could not be read');
    return body;
  };
}
