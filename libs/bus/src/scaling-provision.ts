import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@autoscale/contracts';
import { ensureDurableSpecs, scalerDurableSpecs } from './durables';
import { ensureWorkQueue } from './work-queue';

/**
 * Provisions what only the scaler reads: its partition durables on FORECASTS, and the scale
 * actuation work queue with its one durable (any replica executes any decision; `ackWaitMs`
 * is the lease, as for alert deliveries). Run after {@link ensureBus}.
 *
 * @example
 * await ensureScaling(nc, names, 60_000, { replicas: config.STREAM_REPLICAS });
 */
export async function ensureScaling(
  nc: NatsConnection,
  names: BusNames,
  ackWaitMs: number,
  options: { replicas?: number; maxDeliver?: number } = {},
): Promise<void> {
  const jsm = await jetstreamManager(nc);
  await ensureDurableSpecs(jsm, scalerDurableSpecs(names), options);
  await ensureWorkQueue(jsm, {
    stream: names.streams.scaleActuations,
    subjects: [names.subjects.scaleActuateAll],
    durables: [{ durable: names.durables.scalerActuate, filter: names.subjects.scaleActuateAll }],
    ackWaitMs,
    replicas: options.replicas ?? 1,
  });
}
