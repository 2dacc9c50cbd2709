import type { Logger } from '@autoscale/observability';
import type { ResourceSample, StreamingProvider } from '../provider';
import { expandReplayFiles, loadReplaySeries } from './replay-files';
import { createPacer, systemClock } from './replay-pacer';
import type { ReplayClock } from './replay-pacer';
import { scheduleReplay } from './replay-schedule';
import type { ReplayStart } from './replay-schedule';

/** Samples yielded at once at most: enough to keep the collector's publish window full. */
const BATCH = 512;

/** The end (exclusive) of the run of samples from `from` on that are due by `dueBy`, at most `max`. */
function dueUntil(timeline: readonly ResourceSample[], from: number, dueBy: number, max: number): number {
  let end = from + 1;
  const last = Math.min(timeline.length, from + max);
  while (end < last && timeline[end]!.ts.getTime() <= dueBy) end++;
  return end;
}

export type ReplayProviderOptions = {
  /** Paths or globs of CSV recordings; each file is one resource, named after the file. */
  files: readonly string[];
  speed: number | 'max';
  start: ReplayStart;
  log: Logger;
  /** Where relative paths start; the working directory by default. */
  cwd?: string;
  clock?: ReplayClock;
};

/**
 * Plays recorded series back as if they were being measured: for demos, and for benchmarks
 * of the pipeline at `max` speed. The files are read at creation, so a wrong path stops the
 * service at start; the timeline is shifted when playing starts, so `now` means then.
 *
 * @example
 * const replay = createReplayProvider({ files: ['data/nab/*.csv'], speed: 'max', start: 'now', log });
 * for await (const batch of replay.samples(signal)) for (const s of batch) await window.submit(() => publish(s), s.resourceId);
 */
export function createReplayProvider(opts: ReplayProviderOptions): StreamingProvider {
  const files = expandReplayFiles(opts.files, opts.cwd);
  if (files.length === 0) throw new Error(`REPLAY_FILES matched no file: ${opts.files.join(', ')}`);
  const series = loadReplaySeries(files, opts.log);
  const empty = series.filter((s) => s.rows.length === 0).map((s) => s.file);
  if (empty.length === files.length) throw new Error(`REPLAY_FILES: no readable sample in ${files.join(', ')}`);
  if (empty.length > 0) opts.log.warn({ files: empty }, 'replay: files without a readable sample are skipped');
  const clock = opts.clock ?? systemClock;

  async function* samples(signal: AbortSignal): AsyncIterable<readonly ResourceSample[]> {
    const timeline = scheduleReplay(series, opts.start, new Date(clock.now()));
    const pace = createPacer(opts.speed, clock);
    opts.log.info(
      {
        resources: [...new Set(series.map((s) => s.resourceId))],
        samples: timeline.length,
        from: timeline.at(0)?.ts,
        to: timeline.at(-1)?.ts,
        speed: opts.speed,
      },
      'replay started',
    );
    let played = 0;
    while (played < timeline.length && !signal.aborted) {
      await pace(timeline[played]!.ts.getTime(), signal);
      if (signal.aborted) break;
      // Everything already due goes out at once (at `max`, a batch at a time).
      const end = dueUntil(timeline, played, pace.dueBy(), BATCH);
      yield timeline.slice(played, end);
      played = end;
    }
    opts.log.info({ played, of: timeline.length }, signal.aborted ? 'replay stopped' : 'replay finished');
  }

  return { kind: 'streaming', name: 'replay', samples };
}
