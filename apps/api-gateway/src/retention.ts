import { pruneOlderThan } from '@autoscale/db';
import type { Database } from '@autoscale/db';
import type { Counters, Logger } from '@autoscale/observability';
import { MS_PER_DAY } from '@autoscale/time-units';

export type RetentionOptions = {
  db: Database;
  /** Metric rows, forecasts and resources older / unseen for longer are deleted; 0 keeps everything. */
  days: number;
  /** Time between runs; the first run is right after start. */
  everyMs: number;
  log: Logger;
  counters: Counters;
  now?: () => number;
};

/**
 * Prunes the read model on a schedule. Every replica schedules it; the advisory lock inside
 * `pruneOlderThan` lets one at a time do the work. A failed run is logged and tried again at
 * the next tick, never in a loop.
 */
export function startRetention(opts: RetentionOptions) {
  if (opts.days <= 0) return { stop: async () => undefined, runNow: async () => undefined };
  const now = opts.now ?? Date.now;
  let running: Promise<void> = Promise.resolve();

  const run = async () => {
    try {
      const result = await pruneOlderThan(opts.db, new Date(now() - opts.days * MS_PER_DAY));
      if (!result.ran) return;
      opts.counters.inc('pruned_metric_rows', result.metrics);
      if (result.metrics + result.forecasts + result.resources > 0) opts.log.info(result, 'retention pruned old rows');
    } catch (error) {
      opts.log.warn({ err: error }, 'retention run failed; trying again at the next tick');
    }
  };
  const tick = () => {
    running = running.then(run);
    return running;
  };
  void tick();
  const timer = setInterval(() => void tick(), opts.everyMs);
  timer.unref();
  return {
    /** Runs once more now (tests, operators); resolves when done. */
    runNow: tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
