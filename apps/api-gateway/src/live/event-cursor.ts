import { ApiError } from '../api-error';

/**
 * Where a live client is in the two streams it follows: the FORECASTS and ALERTS stream
 * sequences of the last event it was sent. Sent as the SSE event id (`1523:87`), so a browser
 * that reconnects hands it back in `Last-Event-ID` and misses nothing in between.
 */
export type EventCursor = { forecasts: number; alerts: number };

export const formatCursor = (cursor: EventCursor) => `${cursor.forecasts}:${cursor.alerts}`;

/** Reads a `Last-Event-ID`; undefined when absent, a 400 when it is not one this stream sent. */
export function parseCursor(value: string | undefined): EventCursor | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const match = /^(\d{1,15}):(\d{1,15})$/.exec(value.trim());
  if (!match) {
    throw new ApiError(400, 'bad_request', 'Last-Event-ID must be an event id this stream sent, like "1523:87"');
  }
  return { forecasts: Number(match[1]), alerts: Number(match[2]) };
}
