import type { Counters, Logger } from '@autoscale/observability';
import type { ResourceSample } from './providers/provider';

/** Samples kept while NATS is unreachable unless `COLLECTOR_BUFFER_MAX` says otherwise. */
export const DEFAULT_BUFFER_MAX = 10_000;

/**
 * Samples polled but not yet stored, oldest first, at most `max`: what a NATS outage
 * leaves behind is published when NATS answers again. Past `max` the oldest are dropped,
 * counted (`buffer_dropped`) and warned about (first drop, then every 1,000th), so memory
 * stays bounded whatever the outage lasts.
 */
export function createSampleBuffer(opts: { max: number; log: Logger; counters: Counters }) {
  let items: ResourceSample[] = [];
  let dropped = 0;

  return {
    push(samples: ResourceSample[]) {
      items.push(...samples);
      const over = items.length - opts.max;
      if (over <= 0) return;
      items = items.slice(over);
      opts.counters.inc('buffer_dropped', over);
      const warnEvery = 1_000;
      if (dropped === 0 || Math.floor((dropped + over) / warnEvery) > Math.floor(dropped / warnEvery)) {
        opts.log.warn(
          { dropped: dropped + over, max: opts.max },
          'sample buffer full: oldest samples dropped (COLLECTOR_BUFFER_MAX)',
        );
      }
      dropped += over;
    },
    /** The oldest `n` samples, left in the buffer until {@link remove} takes them out. */
    peek: (n: number) => items.slice(0, n),
    /** Takes out the given samples (those now stored), keeping the order of the rest. */
    remove(done: Set<ResourceSample>) {
      items = items.filter((s) => !done.has(s));
    },
    get size() {
      return items.length;
    },
  };
}

export type SampleBuffer = ReturnType<typeof createSampleBuffer>;
