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
/** Past this age a body is read again in the background while it is still served. */
const REFRESH_AFTER_MS = SUMMARY_MAX_AGE_MS / 2;

type Read = { body: string; readAt: number };

/**
 * `GET /api/forecast` without `resource_id`, read at most once per {@link REFRESH_AFTER_MS}
 * and shared, already serialised, by every caller. A body older than
 * {@link REFRESH_AFTER_MS} is still served while the next one is read in the background, so
 * under steady traffic no request waits for PostgreSQL; nothing older than
 * {@link SUMMARY_MAX_AGE_MS} (counted from when its read started) is ever served, so with
 * PostgreSQL down the answer is the usual 503 a second later at most.
 */
export function forecastSummaries(db: Database) {
  const reads = new Map<boolean, Read>();
  const reading = new Map<boolean, Promise<string>>();

  function read(points: boolean): Promise<string> {
    const inFlight = reading.get(points);
    if (inFlight) return inFlight;
    const readAt = Date.now();
    const next = Promise.all([latestForecasts(db, { points }), warmingUpResources(db)])
      .then(([forecasts, warming]) => {
        const body = JSON.stringify({ forecasts, warmingUp: warming.map((w) => ({ ...w, needed: NEEDED_SAMPLES })) });
        reads.set(points, { body, readAt });
        return body;
      })
      .finally(() => reading.delete(points));
    reading.set(points, next);
    return next;
  }

  return async (points: boolean): Promise<string> => {
    const last = reads.get(points);
    const age = last ? Date.now() - last.readAt : Infinity;
    if (!last || age >= SUMMARY_MAX_AGE_MS) return read(points);
    // A failed background read is not this caller's: the next one past the age limit sees it.
    if (age >= REFRESH_AFTER_MS) read(points).catch(() => undefined);
    return last.body;
  };
}
