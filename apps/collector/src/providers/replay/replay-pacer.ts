import { setTimeout as sleep } from 'node:timers/promises';

/** The wall clock the pacer reads and waits on; tests pass a fake one. */
export type ReplayClock = { now(): number; sleep(ms: number, signal: AbortSignal): Promise<void> };

export const systemClock: ReplayClock = {
  now: () => Date.now(),
  // Aborting ends the wait early; it is not an error for the pacer.
  sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
};

/**
 * Waits until sample time `t` is due: the recorded time advances `speed` times faster than
 * the wall clock from the first sample on. A pipeline slower than that is not waited for and
 * not caught up with bursts: the replay simply runs behind. `max` never waits; the collector's
 * window of publishes awaiting their ack is then the pace. `dueBy()` is the newest recorded
 * time already due, so a provider can hand over at once everything that is.
 *
 * @example
 * const pace = createPacer(60, systemClock); // an hour of recording a minute
 * for (const sample of samples) { await pace(sample.ts.getTime(), signal); yield sample; }
 */
export function createPacer(speed: number | 'max', clock: ReplayClock) {
  let origin: { wall: number; t: number } | undefined;
  const pace = async (t: number, signal: AbortSignal): Promise<void> => {
    if (speed === 'max') return;
    if (!origin) {
      origin = { wall: clock.now(), t };
      return;
    }
    const wait = origin.wall + (t - origin.t) / speed - clock.now();
    if (wait > 0) await clock.sleep(wait, signal);
  };
  /** The newest recorded time already due: every sample up to it may be sent now. */
  const dueBy = (): number => {
    if (speed === 'max') return Infinity;
    if (!origin) return -Infinity;
    return origin.t + (clock.now() - origin.wall) * speed;
  };
  return Object.assign(pace, { dueBy });
}
