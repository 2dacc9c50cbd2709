import type { FittedModel } from './models/model';
import type { Sample } from './types';

const MS_PER_MIN = 60_000;

export type ErrorTrackerOptions = {
  /** Horizons (minutes) at which each model's forecasts are checked against what came. */
  horizonsMin: number[];
  /** Errors kept per model and horizon: the "recent" in recent out-of-sample error. */
  memory: number;
  /** A forecast is recorded at most this often, which bounds the pending queue. */
  recordEveryMin: number;
  /** An actual sample counts for a target time within this distance. */
  toleranceMin: number;
};

type Pending = { target: number; value: number };
type Track = { pending: Pending[][]; errors: number[][]; lastRecorded: number };

/**
 * Out-of-sample errors of several models: each model's forecasts for `now + h` are held
 * until a sample arrives near that time, and the signed error is kept in a bounded ring per
 * horizon. Memory is models × horizons × (memory + pending) numbers, whatever the stream.
 *
 * @example
 * const errors = createErrorTracker(['ols', 'holt'], DEFAULT_ERROR_TRACKER_OPTIONS);
 * errors.observe(sample); errors.record('holt', sample.t, fitted);
 */
export function createErrorTracker(names: readonly string[], opts: ErrorTrackerOptions) {
  const tracks = new Map<string, Track>(
    names.map((n) => [
      n,
      { pending: opts.horizonsMin.map(() => []), errors: opts.horizonsMin.map(() => []), lastRecorded: -Infinity },
    ]),
  );
  const tol = opts.toleranceMin * MS_PER_MIN;

  function observe(sample: Sample): void {
    for (const track of tracks.values()) {
      track.pending.forEach((queue, k) => {
        while (queue[0] && queue[0].target <= sample.t + tol) {
          const p = queue.shift()!;
          if (Math.abs(p.target - sample.t) > tol) continue;
          const ring = track.errors[k]!;
          ring.push(sample.value - p.value);
          if (ring.length > opts.memory) ring.shift();
        }
      });
    }
  }

  function record(name: string, now: number, fitted: FittedModel): void {
    const track = tracks.get(name);
    if (!track || now - track.lastRecorded < opts.recordEveryMin * MS_PER_MIN) return;
    track.lastRecorded = now;
    opts.horizonsMin.forEach((h, k) => {
      const target = now + h * MS_PER_MIN;
      track.pending[k]!.push({ target, value: fitted.predict(target).value });
    });
  }

  /** Mean absolute error over all horizons; null until every horizon has `minCount` errors. */
  function meanAbsError(name: string, minCount: number): number | null {
    const track = tracks.get(name);
    if (!track || track.errors.some((ring) => ring.length < minCount)) return null;
    const all = track.errors.flat();
    return all.reduce((a, e) => a + Math.abs(e), 0) / all.length;
  }

  /** Recent signed errors at each horizon (oldest first), for calibrating intervals. */
  function errorsOf(name: string): readonly (readonly number[])[] {
    return tracks.get(name)?.errors ?? [];
  }

  return { observe, record, meanAbsError, errorsOf, horizonsMin: opts.horizonsMin };
}

export type ErrorTracker = ReturnType<typeof createErrorTracker>;
