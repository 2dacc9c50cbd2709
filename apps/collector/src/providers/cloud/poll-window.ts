import { MS_PER_MIN } from '@autoscale/time-units';
/** A half-open time range `[start, end)` whose ends fall on period boundaries. */
export type TimeWindow = { start: Date; end: Date };

/**
 * CloudWatch and Cloud Monitoring both aggregate on whole minutes (60 s is the finest period
 * that basic EC2 and Compute Engine metrics have), so the period is the poll interval rounded
 * up to a minute: a 5-minute poll reads 300 s points; a 1-second demo poll still reads 60 s.
 *
 * @example
 * periodSecondsFor(300_000); // 300
 * periodSecondsFor(1_000); // 60
 */
export function periodSecondsFor(intervalMs: number): number {
  return Math.max(60, Math.ceil(intervalMs / MS_PER_MIN) * 60);
}

/** Cloud metrics arrive minutes late (EC2 basic monitoring up to ~10 min), so a poll looks back this far at least. */
const MIN_LOOKBACK_MS = 15 * MS_PER_MIN;
const LOOKBACK_PERIODS = 3;

/**
 * The window a poll reads: a few periods back from the last period boundary before `now`.
 * Points that were late at the previous poll are still inside it; the ones already published
 * carry the same dedupe id and are dropped by the stream.
 *
 * @example
 * pollWindow(new Date('2024-05-01T10:07:30Z'), 300_000);
 * // { start: 09:50:00Z, end: 10:05:00Z }
 */
export function pollWindow(now: Date, periodMs: number): TimeWindow {
  const end = floorTo(now.getTime(), periodMs);
  const lookback = Math.max(LOOKBACK_PERIODS * periodMs, Math.ceil(MIN_LOOKBACK_MS / periodMs) * periodMs);
  return { start: new Date(end - lookback), end: new Date(end) };
}

/**
 * `[from, to)` shrunk to period boundaries, so that history points have the same timestamps
 * (and dedupe ids) as the polls that follow and as a later restart's backfill.
 *
 * @example
 * historyWindow(new Date('2024-05-01T04:07:00Z'), new Date('2024-05-01T10:07:00Z'), 300_000);
 * // { start: 04:10:00Z, end: 10:05:00Z }
 */
export function historyWindow(from: Date, to: Date, periodMs: number): TimeWindow {
  const start = Math.ceil(from.getTime() / periodMs) * periodMs;
  const end = floorTo(to.getTime(), periodMs);
  return { start: new Date(Math.min(start, end)), end: new Date(end) };
}

const floorTo = (t: number, step: number) => Math.floor(t / step) * step;
