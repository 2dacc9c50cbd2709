/**
 * Milliseconds per unit: the one home of the conversions every service writes (timestamps,
 * windows, TTLs are milliseconds in this code base). NATS durations are nanoseconds: convert
 * with `nanos()` from `@nats-io/nats-core` (re-exported by `@nats-io/transport-node`), in the bus.
 *
 * @example
 * const lookaheadMs = opts.lookaheadMin * MS_PER_MIN;
 */
export const MS_PER_SECOND = 1_000;
export const MS_PER_MIN = 60 * MS_PER_SECOND;
export const MS_PER_HOUR = 60 * MS_PER_MIN;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** Nanoseconds per millisecond: for nanosecond fields outside NATS (protobuf timestamps). */
export const NS_PER_MS = 1_000_000;
