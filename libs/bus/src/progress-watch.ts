import type { ConsumerInfo } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { answeredWithoutQuorum, durableInfo } from './durable-info';
import { handledUpTo } from './durables';

type Seen = { floor: number; movedAt: number };

/**
 * Watches the durables of the partitions a replica consumes: a durable with messages
 * pending (undelivered or unacked) whose ack floor has not moved for `stallMs` is reported
 * once through `onStalled`. A durable whose info cannot be read (NATS without quorum) is
 * not judged: no progress can be made by anyone then.
 */
export function watchProgress(opts: {
  nc: NatsConnection;
  stream: string;
  durable: (partition: number) => string;
  stallMs: number;
  everyMs: number;
  consuming: () => number[];
  /** Each info read (the owner keeps the durable's floor from it). */
  onRead: (info: ConsumerInfo) => Promise<void>;
  onStalled: (partition: number, pending: number) => void;
}) {
  const seen = new Map<number, Seen>();
  let checking = false;

  async function check(partition: number) {
    const info = await durableInfo(opts.nc, opts.stream, opts.durable(partition)).catch(() => null);
    const entry = seen.get(partition);
    // Not judged either: a leader without quorum, whose view may be stale.
    if (!info || !entry || answeredWithoutQuorum(info)) return;
    await opts.onRead(info).catch(() => undefined);
    const now = Date.now();
    const pending = info.num_pending + info.num_ack_pending;
    // Handled, not the raw ack floor (0 on a durable re-created at its floor until its first
    // ack); past the furthest seen, not back to it (a re-creation from a kept floor is no progress).
    // Nothing pending behind the furthest floor seen is the view of a copy that lags, not the durable's.
    const floor = handledUpTo(info);
    if ((pending === 0 && floor >= entry.floor) || floor > entry.floor) {
      seen.set(partition, { floor: Math.max(floor, entry.floor), movedAt: now });
      return;
    }
    if (now - entry.movedAt < opts.stallMs) return;
    seen.delete(partition);
    opts.onStalled(partition, pending);
  }

  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    void Promise.all(opts.consuming().map(check)).finally(() => {
      checking = false;
    });
  }, opts.everyMs);
  timer.unref();

  return {
    /** A partition began consuming: its clock starts now. */
    started: (partition: number) => seen.set(partition, { floor: -1, movedAt: Date.now() }),
    forget: (partition: number) => seen.delete(partition),
    stop: () => clearInterval(timer),
  };
}
