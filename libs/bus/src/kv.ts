import { Kvm } from '@nats-io/kv';
import type { KV, KvOptions } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Opens a JetStream KV bucket, creating it when missing (an existing bucket keeps its
 * configuration).
 *
 * @example
 * const kv = await openKv(nc, names.kv.alertState, { history: 1 });
 */
export async function openKv(nc: NatsConnection, bucket: string, options: Partial<KvOptions> = {}): Promise<KV> {
  return new Kvm(nc).create(bucket, options);
}

export type { KV, KvOptions };
