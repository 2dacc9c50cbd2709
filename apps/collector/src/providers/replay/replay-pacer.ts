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
 * not caught up with bursts: the replay simply runs behind. `max` never waits; the publish
 * acknowledgement the collector awaits before asking for the next sample is then the pace.
 *
 * @example
 * const pace = createPacer(60, systemClock); // an hour of recording a minute
 * for (const sample of samples) { await pace(sample.ts.getTime(), signal); yield sample; }
 */
export function createPacer(speed: number | 'max', clock: ReplayClock) {
  let origin: { wall: number; t: number } | undefined;
  return async (t: number, signal: AbortSignal): Promise<void> => {
    if (speed === 'max') return;
    if (!origin) {
      origin = { wall: clock.now(), t };
      return;
    }
    const wait = origin.wall + (t - origin.t) / speed - clock.now();
    if (wait > 0) await clock.sleep(wait, signal);
  };
}
