import { AckPolicy, DeliverPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { MS_PER_DAY, MS_PER_HOUR } from '@autoscale/time-units';
import { addOrUpdateStream, consumerInfoOrNull } from './stream-config';

export type WorkQueueSpec = {
  stream: string;
  subjects: string[];
  /** One durable per independent lane, each filtered on its subjects. */
  durables: ReadonlyArray<{ durable: string; filter: string }>;
  /** The lease: a replica that dies mid-job has it redelivered to another after this. */
  ackWaitMs: number;
  replicas: number;
};

/**
 * Creates (or brings up to date) a work-queue stream and its durables. Work-queue retention
 * removes a job once acked; a job published twice within the duplicate window is one job.
 * Retries are paced by nak(delay) and stopped by the job's own give-up time, not by a count.
 *
 * @example
 * await ensureWorkQueue(jsm, { stream: 'Q', subjects: ['q.>'], durables: [{ durable: 'q', filter: 'q.>' }], ackWaitMs: 60_000, replicas: 1 });
 */
export async function ensureWorkQueue(jsm: JetStreamManager, spec: WorkQueueSpec): Promise<void> {
  const stream = {
    name: spec.stream,
    subjects: spec.subjects,
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: nanos(2 * MS_PER_HOUR),
    max_age: nanos(MS_PER_DAY),
    num_replicas: spec.replicas,
  };
  // An existing stream is brought up to date too (replicas raised to STREAM_REPLICAS).
  await addOrUpdateStream(jsm, stream);
  for (const { durable, filter } of spec.durables) {
    const config = {
      durable_name: durable,
      filter_subject: filter,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(spec.ackWaitMs),
      max_deliver: -1,
      max_ack_pending: 1000,
    };
    // Only "not found" means missing: a timeout during an election must not lead to an add.
    const info = await consumerInfoOrNull(jsm, stream.name, durable);
    if (info) {
      if (info.config.ack_wait !== config.ack_wait)
        await jsm.consumers.update(stream.name, durable, { ack_wait: config.ack_wait });
      continue;
    }
    await jsm.consumers.add(stream.name, config).catch(async (error: unknown) => {
      if (!(await consumerInfoOrNull(jsm, stream.name, durable))) throw error;
    });
  }
}
