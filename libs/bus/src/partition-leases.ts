import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@autoscale/contracts';
import type { Logger } from '@autoscale/observability';
import { withProgressDeadline } from './deadline';
import { isWrongLastSequence } from './nats-errors';
import { kvGetFromLeader, kvStream, kvSubject, openKv } from './kv';

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
  /**
   * Called once this replica owns `partition`: start consuming it. It calls `progress` as it
   * goes (each batch of a rebuild): it is given up only after a TTL without progress.
   */
  onClaim: (partition: number, progress: () => void) => Promise<void>;
  /** Called when this replica must stop handling `partition` (released, lost or fenced). */
  onRelease: (partition: number) => Promise<void>;
  log: Logger;
  /** Copies of the lease bucket (STREAM_REPLICAS): one lost server must not stop every lease. */
  replicas: number;
  /** Distinguishes replicas; host:pid:random by default. */
  memberId?: string | undefined;
};

type Held = { revision: number; renewedAt: number; releasing: boolean };

// WARNING: key layout of the PARTITION_LEASES bucket (`<group>.members.<id>`,
// `<group>.partitions.<N>`), read by every replica and by operators.
const leaseKeys = (group: string) => ({
  member: (id: string) => `${group}.members.${id}`,
  members: `${group}.members.>`,
  partition: (p: number) => `${group}.partitions.${p}`,
});

/**
 * Shares the partitions among the live replicas through leases in the KV bucket
 * `PARTITION_LEASES`, whose TTL (`max_age`, works on NATS 2.9) expires what is not renewed.
 *
 * Every ttl/3 a replica writes its member heartbeat, renews its leases with a
 * compare-and-set on the revision it holds, releases leases above its fair share
 * (⌈partitions / live members⌉) and claims free partitions with `create` up to it. It
 * fences itself: a partition whose lease another replica holds now, or whose last successful
 * renewal is older than 2/3 ttl, is released at once (`onRelease`), before the lease can expire on the server
 * and be claimed by another, so no partition is handled by two replicas.
 * `onClaim` / `onRelease` of one partition run one at a time, in order.
 *
 * A claim whose `onClaim` fails, or makes no progress for a TTL, is released at once
 * (anyone may claim it again next round), so a partition is never held
 * without being consumed. {@link giveUp} does the same for a partition whose consumer
 * stalled. Leases are read key by key (`get`), never by listing keys, which would leave an
 * ordered consumer behind on the bucket each time.
 *
 * @example
 * const leases = await startPartitionLeases({ nc, names, group: 'forecaster', ttlMs: 15_000, onClaim, onRelease, log });
 * leases.isHeld(3); // true while this replica may ack partition 3's messages
 * await leases.stop(); // releases everything, so others take over at once
 */
export async function startPartitionLeases(opts: PartitionLeaseOptions) {
  const id = opts.memberId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`.replace(/[^\w-]/g, '_');
  const bucket = opts.names.kv.partitionLeases;
  const kv = await openKv(opts.nc, bucket, { history: 1, ttl: opts.ttlMs, replicas: opts.replicas });
  const jsm = await jetstreamManager(opts.nc);
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
  // Partitions this replica failed to consume: left to the others for a TTL.
  const avoidUntil = new Map<number, number>();
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
          // Another revision: someone else holds it now. Any other failure (the bucket's
          // leader being re-elected, a timeout) is retried next round until the fence
          // deadline: a Raft election takes seconds and must not drop every lease.
          if (isWrongLastSequence(err) && !(await stillOurs(p, h))) lose(p, 'taken over');
        }
      }),
    );
  }

  /**
   * After a compare-and-set conflict: true when the lease is still ours at another revision
   * (a renewal that was stored but whose acknowledgement was lost, during an election), and
   * then holds on to that revision. Its renewal time stays the last one confirmed.
   */
  async function stillOurs(partition: number, h: Held): Promise<boolean> {
    // From the stream's leader (kvGetFromLeader), not `kv.get`. After a quorum loss the two forecasters of the
    // cluster test took each other's renewals for takeovers 38 times in 35 s, handing the
    // partitions back and forth; a stale answer here is one way that happens.
    const stored = await kvGetFromLeader(jsm, bucket, partitionKey(partition)).catch(() => undefined);
    // Unknown (no answer): kept for now; the fence gives it up if renewals keep failing.
    if (stored === undefined) return true;
    if (!stored) return false;
    const member = stored.json<{ member?: string }>().member;
    if (member !== id) return false;
    h.revision = stored.seq;
    return true;
  }

  /**
   * Members whose heartbeat is in the bucket: the stream's per-subject counts name the
   * member keys (no consumer needed), and each is read to skip deleted ones.
   */
  async function liveMembers(): Promise<number> {
    const prefix = kvSubject(bucket, '');
    const info = await jsm.streams.info(kvStream(bucket), { subjects_filter: kvSubject(bucket, keys.members) });
    const memberKeys = Object.keys(info.state.subjects ?? {}).map((subject) => subject.slice(prefix.length));
    const entries = await Promise.all(memberKeys.map((key) => kv.get(key)));
    return Math.max(1, entries.filter((e) => e?.operation === 'PUT').length);
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

  /** Partitions whose lease is free now: each key read directly (the keys are known). */
  async function freePartitions(): Promise<Set<number>> {
    const all = Array.from({ length: partitions }, (_, p) => p);
    const entries = await Promise.all(all.map((p) => kv.get(partitionKey(p))));
    return new Set(all.filter((p) => entries[p]?.operation !== 'PUT'));
  }

  async function claimUpTo(share: number) {
    const free = await freePartitions();
    const offset = Number.parseInt(id.slice(-6), 16) || 0;
    const now = Date.now();
    for (let i = 0; i < partitions && activeCount() < share; i++) {
      const p = (i + offset) % partitions;
      if (held.has(p) || !free.has(p) || (avoidUntil.get(p) ?? 0) > now) continue;
      const startedAt = Date.now();
      const revision = await kv.create(partitionKey(p), value()).catch(() => null);
      if (revision === null) continue;
      if (stopped) {
        await kv.delete(partitionKey(p), { previousSeq: revision }).catch(() => undefined);
        continue;
      }
      held.set(p, { revision, renewedAt: startedAt, releasing: false });
      log.info({ partition: p }, 'partition claimed');
      enqueue('onClaim', p, () => startConsuming(p));
    }
  }

  /**
   * Runs onClaim for as long as it makes progress. A failed one, or one without progress for
   * a TTL, gives the partition up (onRelease cleans up what it began) rather than holding a
   * lease nobody consumes. Not a deadline on the whole: a rebuild that outgrew the TTL (10,000
   * series on a loaded machine) was released and claimed again every round, never consuming.
   */
  async function startConsuming(p: number) {
    if (!held.has(p)) return;
    try {
      await withProgressDeadline((progress) => opts.onClaim(p, progress), opts.ttlMs, `onClaim of partition ${p}`);
    } catch (err) {
      // Released, not avoided: when JetStream is back, the next round (TTL/3) claims it again.
      log.warn({ err, partition: p }, 'could not start consuming a claimed partition: released it');
      release(p);
    }
  }

  /** Releases the partition and leaves it to the other replicas for a TTL. */
  function giveUp(partition: number) {
    avoidUntil.set(partition, Date.now() + opts.ttlMs);
    release(partition);
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
    /**
     * Stops handling `partition` and hands it over (its consumer stalled): another replica
     * takes it, or this one again after a TTL.
     */
    giveUp,
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
