import type { Logger } from '@autoscale/observability';
import type { ResourceSample, StreamingProvider } from '../provider';
import { expandReplayFiles, loadReplaySeries } from './replay-files';
import { createPacer, systemClock } from './replay-pacer';
import type { ReplayClock } from './replay-pacer';
import { scheduleReplay } from './replay-schedule';
import type { ReplayStart } from './replay-schedule';

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
 * for await (const sample of replay.samples(signal)) await publisher.publish(sample);
 */
export function createReplayProvider(opts: ReplayProviderOptions): StreamingProvider {
  const files = expandReplayFiles(opts.files, opts.cwd);
  if (files.length === 0) throw new Error(`REPLAY_FILES matched no file: ${opts.files.join(', ')}`);
  const series = loadReplaySeries(files, opts.log);
  const empty = series.filter((s) => s.rows.length === 0).map((s) => s.file);
  if (empty.length === files.length) throw new Error(`REPLAY_FILES: no readable sample in ${files.join(', ')}`);
  if (empty.length > 0) opts.log.warn({ files: empty }, 'replay: files without a readable sample are skipped');
  const clock = opts.clock ?? systemClock;

  async function* samples(signal: AbortSignal): AsyncIterable<ResourceSample> {
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
    for (const sample of timeline) {
      await pace(sample.ts.getTime(), signal);
      if (signal.aborted) break;
      yield sample;
      played++;
    }
    opts.log.info({ played, of: timeline.length }, signal.aborted ? 'replay stopped' : 'replay finished');
  }

  return { kind: 'streaming', name: 'replay', samples };
}
