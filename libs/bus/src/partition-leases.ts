import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@autoscale/contracts';
import type { Logger } from '@autoscale/observability';
import { openKv } from './kv';
import type { KV } from './kv';

export type PartitionLeaseOptions = {
  nc: NatsConnection;
  names: BusNames;
  /**
   * Who shares the partitions: replicas of one service (`forecaster`, `alerter`). Each group
   * has its own leases and members in the bucket.
   */
  group: string;
  /** A lease not renewed for this long expires and another replica may claim it. */
  ttlMs: number;
  /** Called once this replica owns `partition`: start consuming it. */
  onClaim: (partition: number) => Promise<void>;
  /** Called when this replica must stop handling `partition` (released, lost or fenced). */
  onRelease: (partition: number) => Promise<void>;
  log: Logger;
  /** Distinguishes replicas; host:pid:random by default. */
  memberId?: string;
};

/** Default lease TTL: a dead replica's partitions are taken over within about this long. */
export const DEFAULT_LEASE_TTL_MS = 15_000;

type Held = { revision: number; renewedAt: number; releasing: boolean };

// WARNING: key layout of the PARTITION_LEASES bucket (`<group>.members.<id>`,
// `<group>.partitions.<N>`), read by every replica and by operators.
const leaseKeys = (group: string) => ({
  member: (id: string) => `${group}.members.${id}`,
  members: `${group}.members.>`,
  partition: (p: number) => `${group}.partitions.${p}`,
  partitions: `${group}.partitions.>`,
});

/**
 * Shares the partitions among the live replicas through leases in the KV bucket
 * `PARTITION_LEASES`, whose TTL (`max_age`, works on NATS 2.9) expires what is not renewed.
 *
 * Every ttl/3 a replica writes its member heartbeat, renews its leases with a
 * compare-and-set on the revision it holds, releases leases above its fair share
 * (⌈partitions / live members⌉) and claims free partitions with `create` up to it. It
 * fences itself: a partition whose renewal failed or whose last successful renewal is older
 * than 2/3 ttl is released at once (`onRelease`), before the lease can expire on the server
 * and be claimed by another, so no partition is handled by two replicas.
 * `onClaim` / `onRelease` of one partition run one at a time, in order.
 *
 * @example
 * const leases = await startPartitionLeases({ nc, names, group: 'forecaster', ttlMs: 15_000, onClaim, onRelease, log });
 * leases.isHeld(3); // true while this replica may ack partition 3's messages
 * await leases.stop(); // releases everything, so others take over at once
 */
export async function startPartitionLeases(opts: PartitionLeaseOptions) {
  const id = opts.memberId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`.replace(/[^\w-]/g, '_');
  const kv = await openLeaseBucket(opts.nc, opts.names.kv.partitionLeases, opts.ttlMs);
  const log = opts.log.child({ member: id, group: opts.group });
  const keys = leaseKeys(opts.group);
  const memberKey = keys.member;
  const partitionKey = keys.partition;
  const partitions = opts.names.partitions;
  const held = new Map<number, Held>();
  const value = () => JSON.stringify({ member: id, at: new Date().toISOString() });
  const fenceAfterMs = (opts.ttlMs * 2) / 3;
  // One chain per partition: a partition's claim and release run in order, partitions in parallel.
  const callbacks = new Map<number, Promise<void>>();
  let ticking: Promise<void> = Promise.resolve();
  let stopped = false;

  /** Queues a callback after the partition's earlier ones; a throwing callback is logged, not fatal. */
  function enqueue(what: string, partition: number, fn: () => Promise<void>) {
    const previous = callbacks.get(partition) ?? Promise.resolve();
    callbacks.set(
      partition,
      previous.then(fn).catch((err: unknown) => log.error({ err, partition }, `${what} failed`)),
    );
  }

  function lose(partition: number, reason: string) {
    const h = held.get(partition);
    if (!h) return;
    held.delete(partition);
    // A release under way calls onRelease itself.
    if (h.releasing) return;
    log.warn({ partition, reason }, 'partition lease lost; stopped handling it');
    enqueue('onRelease', partition, () => opts.onRelease(partition));
  }

  function fence() {
    const now = Date.now();
    for (const [p, h] of held) if (now - h.renewedAt > fenceAfterMs) lose(p, 'not renewed in time');
  }

  async function renew() {
    await Promise.all(
      [...held].map(async ([p, h]) => {
        const startedAt = Date.now();
        try {
          h.revision = await kv.update(partitionKey(p), value(), h.revision);
          h.renewedAt = startedAt;
        } catch (err) {
          log.debug({ err, partition: p }, 'lease renewal failed');
          lose(p, 'renewal failed');
        }
      }),
    );
  }

  async function liveMembers(): Promise<number> {
    let count = 0;
    for await (const _key of await kv.keys(keys.members)) count++;
    return Math.max(1, count);
  }

  function release(partition: number) {
    const h = held.get(partition);
    if (!h || h.releasing) return;
    h.releasing = true;
    enqueue('onRelease', partition, async () => {
      await opts.onRelease(partition);
      const current = held.get(partition);
      held.delete(partition);
      // Deleting (on our revision only) hands the partition over now rather than after the TTL.
      if (current) await kv.delete(partitionKey(partition), { previousSeq: current.revision }).catch(() => undefined);
      log.info({ partition }, 'partition released');
    });
  }

  async function claimUpTo(share: number) {
    const taken = new Set<string>();
    for await (const key of await kv.keys(keys.partitions)) taken.add(key);
    const offset = Number.parseInt(id.slice(-6), 16) || 0;
    for (let i = 0; i < partitions && activeCount() < share; i++) {
      const p = (i + offset) % partitions;
      if (held.has(p) || taken.has(partitionKey(p))) continue;
      const startedAt = Date.now();
      const revision = await kv.create(partitionKey(p), value()).catch(() => null);
      if (revision === null) continue;
      if (stopped) {
        await kv.delete(partitionKey(p), { previousSeq: revision }).catch(() => undefined);
        continue;
      }
      held.set(p, { revision, renewedAt: startedAt, releasing: false });
      log.info({ partition: p }, 'partition claimed');
      enqueue('onClaim', p, () => (held.has(p) ? opts.onClaim(p) : Promise.resolve()));
    }
  }

  const activeCount = () => [...held.values()].filter((h) => !h.releasing).length;

  async function tick() {
    fence();
    const began = Date.now();
    try {
      await kv.put(memberKey(id), value());
      const putMs = Date.now() - began;
      await renew();
      const renewMs = Date.now() - began;
      fence();
      const members = await liveMembers();
      log.debug({ putMs, renewMs, membersMs: Date.now() - began }, 'lease round');
      const share = Math.ceil(partitions / members);
      const surplus = [...held].filter(([, h]) => !h.releasing).map(([p]) => p);
      for (const p of surplus.slice(share)) release(p);
      if (activeCount() < share) await claimUpTo(share);
    } catch (err) {
      log.warn({ err }, 'partition lease round failed; retrying');
    }
  }

  let inTick = false;
  const runTick = () => {
    if (stopped || inTick) return;
    inTick = true;
    ticking = tick().finally(() => {
      inTick = false;
    });
  };
  const timer = setInterval(runTick, opts.ttlMs / 3);
  const watchdog = setInterval(fence, opts.ttlMs / 12);
  runTick();
  await ticking;

  return {
    memberId: id,
    /** True while this replica owns `partition` and may ack its messages. */
    isHeld(partition: number): boolean {
      const h = held.get(partition);
      return h !== undefined && Date.now() - h.renewedAt <= fenceAfterMs;
    },
    held: () => [...held.keys()].sort((a, b) => a - b),
    /** Releases every partition (after its onRelease) and leaves the member list. */
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(watchdog);
      await ticking;
      for (const p of held.keys()) release(p);
      await Promise.all(callbacks.values());
      await kv.delete(memberKey(id)).catch(() => undefined);
    },
    /** Stops without releasing anything, as a crashed replica would (tests). */
    async abandon() {
      stopped = true;
      clearInterval(timer);
      clearInterval(watchdog);
      await ticking;
      held.clear();
    },
  };
}

export type PartitionLeases = Awaited<ReturnType<typeof startPartitionLeases>>;

/** Opens the lease bucket, creating it with `ttl`, or bringing an existing one's TTL to it. */
async function openLeaseBucket(nc: NatsConnection, bucket: string, ttlMs: number): Promise<KV> {
  const kv = await openKv(nc, bucket, { history: 1, ttl: ttlMs });
  const jsm = await jetstreamManager(nc);
  const stream = `KV_${bucket}`;
  const info = await jsm.streams.info(stream);
  const maxAge = ttlMs * 1_000_000;
  if (info.config.max_age !== maxAge) await jsm.streams.update(stream, { ...info.config, max_age: maxAge });
  return kv;
}
