import type { NatsConnection } from '@nats-io/transport-node';
import { durableInfo } from './durable-info';

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
  onStalled: (partition: number, pending: number) => void;
}) {
  const seen = new Map<number, Seen>();
  let checking = false;

  async function check(partition: number) {
    const info = await durableInfo(opts.nc, opts.stream, opts.durable(partition)).catch(() => null);
    const entry = seen.get(partition);
    if (!info || !entry) return;
    const now = Date.now();
    const pending = info.num_pending + info.num_ack_pending;
    if (pending === 0 || info.ack_floor.stream_seq !== entry.floor) {
      seen.set(partition, { floor: info.ack_floor.stream_seq, movedAt: now });
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
