import { jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { z } from 'zod';
import type { BusNames, EventDescriptor } from '@autoscale/contracts';
import type { Counters, Logger } from '@autoscale/observability';
import { consumeBatches } from './consume-batches';
import type { Delivered } from './consume-batches';
import { resetToAckFloor } from './durables';
import { startPartitionLeases } from './partition-leases';

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
  /** Before a claimed partition is consumed: rebuild its state (replay to the ack floor). */
  onClaim?: (partition: number) => Promise<void>;
  /** After a partition's consumption stopped: drop its state. */
  onRelease?: (partition: number) => Promise<void>;
  /** After a failed batch, before its retry: bring the partition's state back to the ack floor. */
  onFailure?: (partition: number) => Promise<void>;
  leaseTtlMs: number;
  log: Logger;
  counters: Counters;
  batchSize?: number;
  maxDeliver?: number;
  memberId?: string;
};

/**
 * Consumes the partitions this replica holds a lease on, one durable each, in batches:
 * each (resource, metric) series is handled by exactly one replica, in stream order. On
 * claim, messages a previous owner left pending are rewound to the ack floor (so they come
 * first), then `onClaim` rebuilds state, then consuming starts; on release, consuming stops
 * (the batch in hand finishes) before `onRelease` and before the lease is handed over. A
 * replica that lost its lease does not ack (fenced) and stops.
 *
 * @example
 * const loop = await consumePartitions({ nc, js, names, event: forecastUpdatedEvent,
 *   group: 'alerter', durable: names.durables.alerter, leaseTtlMs: 15_000,
 *   handler: (p, batch) => handle(batch), log, counters });
 * await loop.stop();
 */
export async function consumePartitions<S extends z.ZodType>(opts: PartitionConsumeOptions<S>) {
  const jsm = await jetstreamManager(opts.nc);
  const loops = new Map<number, Awaited<ReturnType<typeof consumeBatches<S>>>>();
  const stream = opts.event.stream(opts.names);
  const log = opts.log.child({ stream });
  // Claims may start before startPartitionLeases returns; they need `leases` for fencing.
  let markReady: (() => void) | undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  async function claim(partition: number) {
    await ready;
    const durable = opts.durable(partition);
    if (await resetToAckFloor(jsm, stream, durable)) {
      log.warn({ partition, durable }, 'messages left pending by the previous owner: rewound to the ack floor');
    }
    await opts.onClaim?.(partition);
    const loop = await consumeBatches({
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
    });
    loops.set(partition, loop);
    opts.counters.inc('partitions_claimed');
  }

  async function release(partition: number) {
    const loop = loops.get(partition);
    loops.delete(partition);
    await loop?.stop();
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
    onClaim: claim,
    onRelease: release,
  });
  markReady?.();

  return {
    /** The partitions this replica consumes now. */
    consuming: () => [...loops.keys()].sort((a, b) => a - b),
    leases,
    /** Stops every partition (batches in hand finish) and hands the leases over. */
    stop: () => leases.stop(),
  };
}
