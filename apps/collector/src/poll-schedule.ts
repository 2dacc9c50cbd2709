import { setTimeout as sleep } from 'node:timers/promises';

/** Just past a boundary, so a source's data for the interval that ended is in. */
const AFTER_BOUNDARY_MS = 50;

/**
 * The poll after the one scheduled at `slot`: the next interval boundary of the wall clock,
 * computed from the schedule and not from when the poll finished, so a slow poll delays
 * the next one but never skips it.
 *
 * @example
 * nextSlot(125_000, 60_000) // 180_050
 */
export function nextSlot(slot: number, intervalMs: number): number {
  return (Math.floor(slot / intervalMs) + 1) * intervalMs + AFTER_BOUNDARY_MS;
}

/** Resolves at `time` (at once when it is past) or when `signal` aborts. */
export const sleepUntil = (time: number, signal: AbortSignal): Promise<void> =>
  sleep(Math.max(0, time - Date.now()), undefined, { signal }).catch(() => undefined);
