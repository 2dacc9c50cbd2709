import { z } from 'zod';

/**
 * What an event may hold, in one place, so that producers refuse at publish what consumers
 * would refuse on receipt. Each bound is far above what a real system sends and far below
 * what would harm the pipeline (a 13.9 MB forecast row, a year-2999 sample that hides every
 * later one, a NUL that PostgreSQL text cannot store).
 */
export const LIMITS = Object.freeze({
  /** Resource ids, providers, models, alert ids. */
  idChars: 256,
  labelPairs: 32,
  labelChars: 256,
  messageChars: 4096,
  /** A whole event as JSON on the wire. */
  eventBytes: 64 * 1024,
  /** Forecast points per event (a day of minutes is 1,440). */
  forecastPoints: 2048,
  /** Numbers that are not percentages (forecast bounds, slopes) stay within ±this. */
  magnitude: 1e6,
  /** A percentage up to this is a rounding slip of the source, clamped to 100. */
  percentClampMax: 101,
  /** No sample or event time before this is real. */
  earliestTime: Date.parse('2000-01-01T00:00:00Z'),
  /** Default tolerance for clocks ahead of ours (`MAX_CLOCK_SKEW_SEC`). */
  maxClockSkewSec: 300,
});

const hasNoNul = (s: string) => !s.includes('\u0000');

/** Text PostgreSQL can store, at most `max` characters. */
export const boundedText = (max: number) => z.string().max(max).refine(hasNoNul, 'must not contain the NUL character');

/** An identifier: non-empty, no NUL, at most {@link LIMITS.idChars}. */
export const Identifier = boundedText(LIMITS.idChars).min(1);

/** Free text shown to people (alert messages, delivery errors). */
export const MessageText = boundedText(LIMITS.messageChars);

export const Labels = z
  .record(boundedText(LIMITS.labelChars), boundedText(LIMITS.labelChars))
  .refine((l) => Object.keys(l).length <= LIMITS.labelPairs, `at most ${LIMITS.labelPairs} labels`);

/** A percentage as stored: finite, 0–100. */
export const Percent = z.number().finite().min(0).max(100);

/** A finite number of sane size (forecast values may leave 0–100, but not by 1e308). */
export const BoundedNumber = z.number().finite().min(-LIMITS.magnitude).max(LIMITS.magnitude);

/** An ISO time with offset, not before {@link LIMITS.earliestTime}. */
export const EventTime = z.iso
  .datetime({ offset: true })
  .refine((t) => Date.parse(t) >= LIMITS.earliestTime, 'before the year 2000');

/** What a schema factory needs to refuse times from the future: a clock and a tolerance. */
export type TimeBounds = { now: () => number; maxClockSkewSec: number };

/** `EventTime`, and when `bounds` is given, not more than the skew ahead of `now()`. */
export function eventTime(bounds?: TimeBounds) {
  if (!bounds) return EventTime;
  return EventTime.refine(
    (t) => Date.parse(t) <= bounds.now() + bounds.maxClockSkewSec * 1000,
    `more than ${bounds.maxClockSkewSec} s in the future (MAX_CLOCK_SKEW_SEC)`,
  );
}

/**
 * A provider's percentage as the contract wants it: a slip just past 100 (100.4 from
 * rounding in the source) or just below 0 becomes the bound; anything else is left as it
 * is for the schema to refuse.
 *
 * @example
 * clampPercent(100.4) // 100
 * clampPercent(250) // 250 (refused by the schema)
 */
export function clampPercent(value: number): number {
  if (value > 100 && value <= LIMITS.percentClampMax) return 100;
  if (value < 0 && value >= 100 - LIMITS.percentClampMax) return 0;
  return value;
}

/**
 * The size of an event as it goes on the wire, or why it is too big.
 *
 * @example
 * eventTooLarge(new Uint8Array(70_000)) // 'event is 70000 bytes, over the 65536-byte limit'
 */
export function eventTooLarge(bytes: { length: number }): string | null {
  if (bytes.length <= LIMITS.eventBytes) return null;
  return `event is ${bytes.length} bytes, over the ${LIMITS.eventBytes}-byte limit`;
}
