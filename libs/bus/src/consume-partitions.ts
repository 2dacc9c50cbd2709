import { jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { z } from 'zod';
import type { BusNames, EventDescriptor } from '@autoscale/contracts';
import type { Counters, Logger } from '@autoscale/observability';
import { consumeBatches } from './consume-batches';
import { withDeadline } from './deadline';
import type { Delivered } from './consume-batches';
import { claimDurable } from './claim-durable';
import { openConsumerFloors } from './consumer-floors';
import { startPartitionLeases } from './partition-leases';
import { watchProgress } from './progress-watch';

export type PartitionConsumeOptions<S extends z.ZodType> = {
  nc: NatsConnection;
  js: JetStreamClient;
  names: BusNames;
  /** What is consumed: its stream and schema. */
  event: EventDescriptor<S>;
  /** The replicas sharing these partitions (the service name): leases are per group. */
  group: string;
  /** The durable of a partition, e.g. `names.durables.forecaster`. */
  durable: (partition: number) => string;
  /** Handles one batch of one partition, in stream order. */
  handler: (partition: number, batch: Array<Delivered<z.infer<S>>>) => Promise<void>;
  /**
   * Before a claimed partition is consumed: rebuild its state (replay to the ack floor),
   * calling `progress` as it reads; the claim is given up after a TTL without progress.
   */
  onClaim?: (partition: number, progress: () => void) => Promise<void>;
  /** After a partition's consumption stopped: drop its state. */
  onRelease?: (partition: number) => Promise<void>;
  /** After a failed batch, before its retry: bring the partition's state back to the ack floor. */
  onFailure?: (partition: number) => Promise<void>;
  leaseTtlMs: number;
  /** Copies of the lease bucket (the bus binds STREAM_REPLICAS). */
  replicas: number;
  log: Logger;
  counters: Counters;
  batchSize?: number | undefined;
  maxDeliver?: number | undefined;
  memberId?: string | undefined;
};

/**
 * Consumes the partitions this replica holds a lease on, one durable each, in batches:
 * each (resource, metric) series is handled by exactly one replica, in stream order. On
 * claim, messages a previous owner left pending are rewound to the ack floor (so they come
 * first), then `onClaim` rebuilds state, then consuming starts; on release, consuming stops
 * (the batch in hand finishes) before `onRelease` and before the lease is handed over. A
 * replica that lost its lease does not ack (fenced) and stops. A partition whose durable
 * holds messages but whose ack floor has not moved for two lease TTLs is given up (see
 * {@link watchProgress}): another replica, or this one after a TTL, starts it afresh.
 *
 * @example
 * const loop = await consumePartitions({ nc, js, names, event: forecastUpdatedEvent,
 *   group: 'alerter', durable: names.durables.alerter, leaseTtlMs: 15_000,
 *   handler: (p, batch) => handle(batch), log, counters });
 * await loop.stop();
 */
export async function consumePartitions<S extends z.ZodType>(opts: PartitionConsumeOptions<S>) {
  const jsm = await jetstreamManager(opts.nc);
  const floors = await openConsumerFloors(opts.nc, opts.names, opts.replicas);
  const loops = new Map<number, Awaited<ReturnType<typeof consumeBatches<S>>>>();
  // Bumped on every claim and release: a claim that finishes after its partition was given
  // up (a late onClaim) must not leave a loop running.
  const generation = new Map<number, number>();
  const bump = (partition: number) => generation.set(partition, (generation.get(partition) ?? 0) + 1);
  const stream = opts.event.stream(opts.names);
  const log = opts.log.child({ stream });
  // Claims may start before startPartitionLeases returns; they need `leases` for fencing.
  let markReady: (() => void) | undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  async function claim(partition: number, advanced: () => void) {
    await ready;
    bump(partition);
    const mine = generation.get(partition);
    const durable = opts.durable(partition);
    await claimDurable({
      nc: opts.nc,
      jsm,
      floors,
      stream,
      durable,
      // Half the claim's TTL: the rest is left to re-create an unreadable durable and to
      // rebuild the partition's state (a healthy consumer leader answers in milliseconds).
      timeoutMs: opts.leaseTtlMs / 2,
      stillClaimed: () => generation.get(partition) === mine && leases.isHeld(partition),
      log: log.child({ partition }),
      counters: opts.counters,
    });
    advanced();
    await opts.onClaim?.(partition, advanced);
    advanced();
    const loop = await consumeBatches({
      nc: opts.nc,
      js: opts.js,
      names: opts.names,
      event: opts.event,
      durable,
      handler: (batch) => opts.handler(partition, batch),
      mayAck: () => leases.isHeld(partition),
      onFailure: opts.onFailure ? () => opts.onFailure!(partition) : undefined,
      log: opts.log,
      counters: opts.counters,
      batchSize: opts.batchSize,
      maxDeliver: opts.maxDeliver,
      // Sooner than the progress watch gives the partition up (two TTLs): the next owner's
      // claim rewinds only unacked messages, so it would pull from the same stale leader.
      recreateWhenStalledMs: opts.leaseTtlMs,
    });
    if (generation.get(partition) !== mine || !leases.isHeld(partition)) {
      await loop.stop();
      throw new Error(`partition ${partition} was released while it was being claimed`);
    }
    loops.set(partition, loop);
    progress.started(partition);
    opts.counters.inc('partitions_claimed');
  }

  async function release(partition: number) {
    bump(partition);
    progress.forget(partition);
    const loop = loops.get(partition);
    loops.delete(partition);
    // A batch stuck in its handler must not keep the lease: past a TTL, hand over anyway
    // (the stuck batch can no longer ack: the lease is gone).
    await withDeadline(loop?.stop() ?? Promise.resolve(), opts.leaseTtlMs, `stopping partition ${partition}`).catch(
      (err: unknown) => log.warn({ err, partition }, 'partition consumer did not stop in time; handing it over anyway'),
    );
    await opts.onRelease?.(partition);
    opts.counters.inc('partitions_released');
  }

  const leases = await startPartitionLeases({
    nc: opts.nc,
    names: opts.names,
    group: opts.group,
    ttlMs: opts.leaseTtlMs,
    log: opts.log,
    memberId: opts.memberId,
    replicas: opts.replicas,
    onClaim: claim,
    onRelease: release,
  });
  markReady?.();
  const progress = watchProgress({
    nc: opts.nc,
    stream,
    durable: opts.durable,
    stallMs: 2 * opts.leaseTtlMs,
    everyMs: opts.leaseTtlMs / 3,
    consuming: () => [...loops.keys()],
    onRead: (info) => floors.keep(info),
    onStalled: (partition, pending) => {
      log.warn(
        { partition, pending, stalledSec: (2 * opts.leaseTtlMs) / 1000 },
        'partition consumer made no progress with messages pending: giving it up',
      );
      opts.counters.inc('partitions_given_up');
      leases.giveUp(partition);
    },
  });

  return {
    /** The partitions this replica consumes now. */
    consuming: () => [...loops.keys()].sort((a, b) => a - b),
    leases,
    /** Stops every partition (batches in hand finish) and hands the leases over. */
    async stop() {
      progress.stop();
      await leases.stop();
    },
  };
}
