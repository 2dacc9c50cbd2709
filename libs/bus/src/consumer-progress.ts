import { DeliverPolicy } from '@nats-io/jetstream';
import type { ConsumerInfo } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@autoscale/contracts';
import { isNotFound } from './nats-errors';
import { answeredWithoutQuorum, durableInfo } from './durable-info';
import { handledUpTo } from './durables';

/** How one durable of the pipeline is getting on. */
export type DurableProgress = {
  /** The service that consumes it. */
  service: 'forecaster' | 'alerter' | 'api-gateway';
  stream: string;
  consumer: string;
  /** The partition, for the forecaster's and alerter's durables. */
  partition: number | null;
  /** Messages not yet handled: undelivered plus delivered and unacked. */
  pending: number;
  /**
   * Seconds since its ack floor was last seen moving while it held messages (0 when it holds
   * none), or since it was last readable.
   */
  stalledSec: number;
  /** True when it held messages without its ack floor moving, or could not be read, for the stall threshold. */
  stalled: boolean;
  /** False when JetStream did not answer for it this time (its leader lost, no quorum): figures are the last seen. */
  readable: boolean;
};

export type ProgressReport = {
  /** False when JetStream answered for none of the durables (no quorum, NATS down). */
  readable: boolean;
  durables: DurableProgress[];
};

type Durable = Pick<DurableProgress, 'service' | 'stream' | 'consumer' | 'partition'>;

/** Every durable whose progress matters: the partitions and the gateway's projections. */
function pipelineDurables(names: BusNames): Durable[] {
  const { streams, durables } = names;
  const partitions = Array.from({ length: names.partitions }, (_, p) => p);
  return [
    ...partitions.map((p) => ({
      service: 'forecaster' as const,
      stream: streams.metrics,
      consumer: durables.forecaster(p),
      partition: p,
    })),
    ...partitions.map((p) => ({
      service: 'alerter' as const,
      stream: streams.forecasts,
      consumer: durables.alerter(p),
      partition: p,
    })),
    { service: 'api-gateway', stream: streams.metrics, consumer: durables.gatewayMetrics, partition: null },
    { service: 'api-gateway', stream: streams.forecasts, consumer: durables.gatewayForecasts, partition: null },
    { service: 'api-gateway', stream: streams.alerts, consumer: durables.gatewayAlerts, partition: null },
  ];
}

/**
 * Watches the pipeline's durables (one `consumers.info` each per read): a durable holding
 * messages whose ack floor has not moved for `stallMs` is stalled — work someone holds and
 * is not doing, whatever the connections say; so is one JetStream has not answered for
 * that long (its leader lost, no quorum). Time is measured between reads, so read it
 * regularly (the gateway does every few seconds and on each health or metrics request).
 *
 * @example
 * const progress = trackConsumerProgress(nc, names, { stallMs: 30_000 });
 * const { durables } = await progress.read();
 * durables.filter((d) => d.stalled).map((d) => d.consumer); // ['forecaster-p3']
 */
export function trackConsumerProgress(
  nc: NatsConnection,
  names: BusNames,
  opts: { stallMs: number; timeoutMs?: number },
) {
  // Per durable: the furthest it was seen to have handled, since when, what it held, and when
  // it was last read.
  const floors = new Map<
    string,
    { floor: number; movedAt: number; pending: number; created: string; readAt: number }
  >();
  const watched = pipelineDurables(names);

  async function readOne(durable: Durable, now: number): Promise<DurableProgress | 'missing'> {
    const timeoutMs = opts.timeoutMs ?? 1_000;
    const info = await durableInfo(nc, durable.stream, durable.consumer, { timeoutMs, graceMs: timeoutMs / 2 }).then(
      // A leader without quorum is no reading: nothing moves there, and its view may be stale.
      (answer) => (answeredWithoutQuorum(answer) ? null : answer),
      (error: unknown) =>
        // "consumer/stream not found" is an answer (not provisioned yet); a timeout is not.
        isNotFound(error) ? ('missing' as const) : null,
    );
    const seen = floors.get(durable.consumer);
    // Never seen: not provisioned yet. Gone after it was seen (a re-creation whose delete was
    // applied late): nobody consumes it, like one that cannot be read.
    if (info === 'missing' && !seen) return 'missing';
    if (info === null || info === 'missing') {
      // Unreadable (its leader lost, no quorum): what is not seen to move is not moving.
      const last = seen ?? { floor: -1, movedAt: now, pending: 0, created: '', readAt: now };
      floors.set(durable.consumer, last);
      return verdict(durable, last.pending, now - last.movedAt, false);
    }
    // What it has handled, not the raw ack floor: a durable re-created at its floor reports an
    // ack floor of 0 until its first ack, which is not progress. Nor is a floor below the
    // furthest seen — a re-creation from a kept floor, or an answer from a copy that lags —
    // nor a return to it: a cluster run reported a durable stuck 44 s as just moved that way.
    // A durable made anew to deliver from the start (a gateway replaying the streams into an
    // emptied read model) starts over.
    const handled = handledUpTo(info);
    const anew = !seen || madeAnew(info, handled, seen, opts.stallMs);
    // Nothing pending, said by an answer behind the furthest floor seen, is the view of a copy
    // that lags (a restarted server acting as the leader in an old term, whose stream copy is
    // behind too): it does not clear the clock; what was last seen pending stands.
    const answered = info.num_pending + info.num_ack_pending;
    const pending = !anew && answered === 0 && handled < seen.floor ? seen.pending : answered;
    // A move is dated to the read before it, the earliest it can have happened: after reads
    // that failed (an election), the floor may have moved at any time since (a cluster run's
    // health said 200 while a durable had not moved for 24 s, as a closer reader saw it).
    const movedAt = anew || pending === 0 ? now : handled > seen.floor ? seen.readAt : seen.movedAt;
    const floor = anew ? handled : Math.max(handled, seen.floor);
    const created = anew || !seen.created ? info.created : seen.created;
    floors.set(durable.consumer, { floor, movedAt, pending, created, readAt: now });
    return verdict(durable, pending, pending === 0 ? 0 : now - movedAt, true);
  }

  function verdict(durable: Durable, pending: number, stalledMs: number, readable: boolean): DurableProgress {
    return {
      ...durable,
      pending,
      readable,
      stalledSec: Math.round(stalledMs / 100) / 10,
      stalled: stalledMs >= opts.stallMs,
    };
  }

  return {
    stallMs: opts.stallMs,
    async read(): Promise<ProgressReport> {
      const now = Date.now();
      const read = await Promise.all(watched.map((d) => readOne(d, now)));
      const durables = read.filter((d): d is DurableProgress => d !== 'missing');
      return { readable: durables.length === 0 || durables.some((d) => d.readable), durables };
    },
  };
}

export type ConsumerProgress = ReturnType<typeof trackConsumerProgress>;

/**
 * Whether the durable was deleted and made again to deliver from the start since it was
 * seen: it starts behind what it had handled, from a creation later than the one seen by
 * more than the stall threshold. Not a new creation time alone: each server stamps its own
 * copy when it writes it, so an answer from another copy — a restarted server's, after an
 * election — differs by milliseconds (seen in a cluster run: health reset a durable's clock
 * when its leadership moved, and said 200 while it had not moved for 25 s). Nor one made
 * again at a sequence: that is a re-creation at its floor, which is no progress.
 */
function madeAnew(info: ConsumerInfo, handled: number, seen: { floor: number; created: string }, stallMs: number) {
  if (info.config.deliver_policy === DeliverPolicy.StartSequence || handled >= seen.floor) return false;
  return Date.parse(info.created) - Date.parse(seen.created) > stallMs;
}
