import type { ForecastUpdated } from '@autoscale/contracts';
import type { Database } from '../client';
import { upsertForecasts } from '../writes/forecasts.writes';

/** One forecast: {@link upsertForecasts} with a batch of one. */
export const upsertForecast = (db: Database, event: ForecastUpdated) => upsertForecasts(db, [event]);
