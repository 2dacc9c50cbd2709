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
  recreateWhenStalledMs?: number;
  mayAck?: () => boolean;
  onFailure?: () => Promise<void>;
};

/**
 * Times how long a batch consumer's pulls have brought nothing and, past
 * `recreateWhenStalledMs` with messages pending on the durable, re-creates the durable at its
 * ack floor (why: `recreateWhenStalledMs` of `consumeBatches`). Checked at most once per
 * period, so a durable whose re-creation did not help is not re-created in a loop.
 */
export function stallGuard(opts: StallGuardOptions, stream: string, log: Logger, rebind: () => Promise<void>) {
  let quietSince = Date.now();
  // The info a failed re-creation was read from: the delete may have gone through, and only
  // it knows the ack floor, so the next check finishes the job instead of leaving it missing.
  let unfinished: ConsumerInfo | null = null;
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
      let info: ConsumerInfo | null = null;
      let recreated = false;
      try {
        info = await durableInfo(opts.nc, stream, opts.durable).catch((error: unknown) => {
          if (unfinished && isNotFound(error)) return unfinished;
          throw error;
        });
        const pending = info.num_pending + info.num_ack_pending;
        if (pending === 0) return;
        await recreateAtAckFloor(await opts.js.jetstreamManager(), info);
        unfinished = null;
        recreated = true;
        opts.counters.inc('durables_recreated');
        log.warn({ pending, ackFloor: info.ack_floor.stream_seq, stalledSec: stallMs / 1000 }, 'pulls brought nothing with messages pending: durable re-created at its ack floor');
        await rebind();
        if (opts.onFailure) await opts.onFailure();
      } catch (err) {
        if (!recreated) unfinished = info ?? unfinished;
        log.warn({ err }, 're-creating a stalled durable failed; trying again after the next stall period');
      }
    },
  };
}
