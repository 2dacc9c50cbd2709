import { isNotFound } from './nats-errors';
import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';

/** The stream's info, or null when it does not exist; any other failure is thrown. */
export async function streamInfoOrNull(jsm: JetStreamManager, name: string) {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The durable's info, or null when JetStream answers that it does not exist; other failures throw. */
export async function consumerInfoOrNull(jsm: JetStreamManager, stream: string, durable: string) {
  try {
    return await jsm.consumers.info(stream, durable);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * Creates the stream, or updates an existing one with `config` (which wins over what it
 * has). Concurrent-safe: a stream another process created between our look and our add is
 * then updated.
 */
export async function addOrUpdateStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }) {
  const existing = await streamInfoOrNull(jsm, config.name);
  if (!existing) {
    try {
      await jsm.streams.add(config);
      return;
    } catch (error) {
      // Another service created it between our check and our add.
      if (!(await streamInfoOrNull(jsm, config.name))) throw error;
    }
  }
  await bringStreamUpToDate(jsm, config.name, config);
}

/**
 * Updates the stream when one of `wanted`'s fields differs from its configuration (replicas
 * on an upgrade from a single server, a changed TTL); does nothing when they all match.
 */
export async function bringStreamUpToDate(jsm: JetStreamManager, name: string, wanted: Partial<StreamConfig>) {
  const info = await jsm.streams.info(name);
  const current = info.config as unknown as Record<string, unknown>;
  const differs = Object.entries(wanted).some(([key, value]) => JSON.stringify(current[key]) !== JSON.stringify(value));
  if (differs) await jsm.streams.update(name, { ...info.config, ...wanted });
}
