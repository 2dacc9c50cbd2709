import { jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV, KvOptions } from '@nats-io/kv';
import { nanos } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { bringStreamUpToDate } from './stream-config';

// WARNING: how NATS lays a KV bucket out (its stream, a key's subject), for the reads that go
// to the stream itself.
/** The stream that holds KV bucket `bucket`. */
export const kvStream = (bucket: string) => `KV_${bucket}`;
/** The subject of key `key` (or a wildcard) of bucket `bucket` in that stream. */
export const kvSubject = (bucket: string, key: string) => `$KV.${bucket}.${key}`;

/** What a KV bucket's owner chooses; replicas are the bus's (see `Bus.kv`). */
export type KvBucketOptions = Partial<Pick<KvOptions, 'history' | 'ttl'>>;

/**
 * Opens a JetStream KV bucket, creating it when missing. `replicas` (and `ttl`, when given)
 * are applied to an existing bucket too: `Kvm.create` leaves an existing bucket's
 * configuration alone, so a bucket made with one replica would stay on one server forever.
 *
 * @example
 * const kv = await openKv(nc, names.kv.alertState, { history: 1, replicas: 3 });
 */
export async function openKv(
  nc: NatsConnection,
  bucket: string,
  options: KvBucketOptions & { replicas: number },
): Promise<KV> {
  const kv = await new Kvm(nc).create(bucket, options);
  const jsm = await jetstreamManager(nc);
  await bringStreamUpToDate(jsm, kvStream(bucket), {
    num_replicas: options.replicas,
    ...(options.ttl ? { max_age: nanos(options.ttl) } : {}),
  });
  return kv;
}

export type { KV };

/**
 * A key's current entry as the bucket stream's leader has it: null when missing or deleted.
 * Why not `kv.get`: that is a direct get any replica may answer, one that has not caught up
 * (just back from a restart) included. The entry's `seq` is its revision.
 *
 * @example
 * const entry = await kvGetFromLeader(jsm, names.kv.partitionLeases, 'forecaster.partitions.3');
 */
export async function kvGetFromLeader(jsm: JetStreamManager, bucket: string, key: string): Promise<StoredMsg | null> {
  const stored = await jsm.streams.getMessage(kvStream(bucket), { last_by_subj: kvSubject(bucket, key) });
  return stored && !stored.header?.get('KV-Operation') ? stored : null;
}
