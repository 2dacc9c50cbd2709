import { AlertFired, ForecastUpdated } from '@autoscale/contracts';

/**
 * The events of `GET /api/stream` by their SSE event name, with the schema of their data.
 * WARNING: the names are read by every open dashboard; renaming one silences their live view.
 */
export const LIVE_EVENTS = { forecast: ForecastUpdated, alert: AlertFired } as const;
export type LiveEventName = keyof typeof LIVE_EVENTS;
