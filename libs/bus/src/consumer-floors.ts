import { jetstreamManager } from '@nats-io/jetstream';
import type { ConsumerInfo } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@autoscale/contracts';
import { durableFloor } from './durables';
import type { DurableFloor } from './durables';
import { kvGetFromLeader, openKv } from './kv';

/**
 * The last floor each partition durable's owner read — the stream sequence it had handled up
 * to — with its configuration, in the KV bucket `CONSUMER_FLOORS` (no TTL: a floor must
 * outlive its owner and any outage).
 *
 * Why: on NATS 2.9 a durable's Raft group can keep a stale leader for minutes after a server
 * came back ("has NO quorum, stalled"): every `CONSUMER.INFO` is answered with 10008 or not at
 * all, so a new owner cannot learn where the durable stands and the partition stays unread.
 * From the floor kept here a claim re-creates the durable (a new Raft group) instead. A kept
 * floor is never ahead of the real one (only floors read from the durable are kept, and only
 * forward), so re-creating from it redelivers at most what was handled since — which every
 * handler takes again, as it does a redelivery after `ack_wait`.
 *
 * @example
 * const floors = await openConsumerFloors(nc, names, 3);
 * await floors.keep(info); // as the owner reads it
 * const kept = await floors.get(names.streams.metrics, names.durables.forecaster(3));
 */
export async function openConsumerFloors(nc: NatsConnection, names: BusNames, replicas: number) {
  const bucket = names.kv.consumerFloors;
  const kv = await openKv(nc, bucket, { history: 1, replicas });
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  // WARNING: key layout of CONSUMER_FLOORS (`<stream>.<durable>`), read by operators.
  const keyOf = (stream: string, durable: string) => `${stream}.${durable}`;
  // The floor this process knows is kept per key: a floor is written only when it moved past it.
  const known = new Map<string, number>();

  // From the stream's leader: a replica just back from a restart (when floors are needed) may
  // not have caught up and say "none".
  async function get(stream: string, durable: string): Promise<DurableFloor | null> {
    const stored = await kvGetFromLeader(jsm, bucket, keyOf(stream, durable));
    return stored ? stored.json<DurableFloor>() : null;
  }

  async function keep(info: ConsumerInfo): Promise<void> {
    const floor = durableFloor(info);
    const durable = floor.config.durable_name!;
    const key = keyOf(floor.stream, durable);
    // A durable that has handled nothing has no floor worth keeping.
    if (floor.floor === 0 || floor.floor <= (known.get(key) ?? 0)) return;
    // Another replica may have kept a later floor since: never move it back.
    const kept = await get(floor.stream, durable);
    if (kept && kept.floor >= floor.floor) {
      known.set(key, kept.floor);
      return;
    }
    await kv.put(key, JSON.stringify(floor));
    known.set(key, floor.floor);
  }

  return {
    /** Keeps the durable's floor when it moved forward. */
    keep,
    /** The durable's floor as last kept, or null when none was. */
    get,
  };
}

export type ConsumerFloors = Awaited<ReturnType<typeof openConsumerFloors>>;
