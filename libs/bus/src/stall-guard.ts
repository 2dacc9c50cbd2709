import type { ConsumerInfo, JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Counters, Logger } from '@autoscale/observability';
import { durableInfo } from './durable-info';
import { recreateAtAckFloor } from './durables';
import { isNotFound } from './nats-errors';

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
 * `recreateWhenStalledMs` with messages pending on the durable, re-creates the durable at its
 * ack floor (why: `recreateWhenStalledMs` of `consumeBatches`). Checked at most once per
 * period, so a durable whose re-creation did not help is not re-created in a loop.
 */
export function stallGuard(opts: StallGuardOptions, stream: string, log: Logger, rebind: () => Promise<void>) {
  let quietSince = Date.now();
  // The durable's info as last read here. A delete that timed out can still be applied by the
  // meta leader later — seen removing the durable added after it — so a durable found missing
  // is added again from this floor (an older floor only means redelivery) instead of staying
  // missing with nobody consuming.
  let lastSeen: ConsumerInfo | null = null;
  return {
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
        let missing = false;
        const info = await durableInfo(opts.nc, stream, opts.durable).catch((error: unknown) => {
          missing = lastSeen !== null && isNotFound(error);
          if (missing && lastSeen) return lastSeen;
          throw error;
        });
        lastSeen = info;
        const pending = info.num_pending + info.num_ack_pending;
        if (pending === 0 && !missing) return;
        await recreateAtAckFloor(await opts.js.jetstreamManager(), info);
        opts.counters.inc('durables_recreated');
        log.warn(
          { pending, ackFloor: info.ack_floor.stream_seq, stalledSec: stallMs / 1000 },
          'pulls brought nothing with messages pending: durable re-created at its ack floor',
        );
        await rebind();
        if (opts.onFailure) await opts.onFailure();
      } catch (err) {
        log.warn({ err }, 're-creating a stalled durable failed; trying again after the next stall period');
      }
    },
  };
}
