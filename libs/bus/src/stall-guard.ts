import type { ConsumerInfo, JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Counters, Logger } from '@autoscale/observability';
import { durableInfo } from './durable-info';
import { durableFloor, recreateAtAckFloor } from './durables';

/** The batch consumer's options this guard reads. */
type StallGuardOptions = {
  nc: NatsConnection;
  js: JetStreamClient;
  durable: string;
  counters: Counters;
  recreateWhenStalledMs?: number | undefined;
  mayAck?: () => boolean;
  onFailure?: (() => Promise<void>) | undefined;
};

/**
 * Times how long a batch consumer's pulls have brought nothing and, past
 * `recreateWhenStalledMs` with messages pending on the durable or with the durable
 * unreadable, re-creates it where it had handled up to (why: `recreateWhenStalledMs` of
 * `consumeBatches`). Checked at most once per period, so a durable whose re-creation did not
 * help is not re-created in a loop.
 */
export function stallGuard(opts: StallGuardOptions, stream: string, log: Logger, rebind: () => Promise<void>) {
  let quietSince = Date.now();
  // The durable's info as last read (at binding, or here). A durable that cannot be read — a
  // stale NATS 2.9 consumer leader answers 10008 or nothing for minutes — or that is missing
  // (a delete that timed out can be applied by the meta leader after the add that followed
  // it) is re-created from this configuration instead of staying unconsumed.
  let lastSeen: ConsumerInfo | null = null;
  // Where this consumer has handled up to, from its own batches: at least the ack floor it
  // last read, and exact when that read is old or impossible.
  let handledSeq = 0;
  return {
    seen: (info: ConsumerInfo) => {
      lastSeen = info;
    },
    handled: (seq: number) => {
      handledSeq = Math.max(handledSeq, seq);
    },
    delivered: () => {
      quietSince = Date.now();
    },
    async check() {
      const stallMs = opts.recreateWhenStalledMs;
      if (stallMs === undefined || Date.now() - quietSince < stallMs) return;
      quietSince = Date.now();
      // Fenced (the partition lease is gone): the durable is the next owner's now.
      if (opts.mayAck && !opts.mayAck()) return;
      try {
        let unreadable: unknown = null;
        const info = await durableInfo(opts.nc, stream, opts.durable).catch((error: unknown) => {
          if (!lastSeen) throw error;
          unreadable = error;
          return lastSeen;
        });
        lastSeen = info;
        const pending = info.num_pending + info.num_ack_pending;
        if (pending === 0 && !unreadable) return;
        const floor = durableFloor(info);
        await recreateAtAckFloor(await opts.js.jetstreamManager(false), {
          ...floor,
          floor: Math.max(floor.floor, handledSeq),
        });
        opts.counters.inc('durables_recreated');
        log.warn(
          { pending, handledUpTo: Math.max(floor.floor, handledSeq), stalledSec: stallMs / 1000, unreadable },
          unreadable
            ? 'pulls brought nothing and the durable cannot be read: re-created where this consumer had handled up to'
            : 'pulls brought nothing with messages pending: durable re-created at its ack floor',
        );
        await rebind();
        if (opts.onFailure) await opts.onFailure();
      } catch (err) {
        log.warn({ err }, 're-creating a stalled durable failed; trying again after the next stall period');
      }
    },
  };
}
