import type { Bus } from './open-bus';
import { ensureDurableSpecs, scalerDurableSpecs } from './durables';
import { ensureWorkQueue } from './work-queue';

/**
 * Provisions what only the scaler reads: its partition durables on FORECASTS, and the scale
 * actuation work queue with its one durable (any replica executes any decision; `ackWaitMs`
 * is the lease, as for alert deliveries). Run after the bus's `ensure()`; the queue gets the
 * bus's replicas.
 *
 * @example
 * await ensureScaling(bus, 60_000);
 */
export async function ensureScaling(
  bus: Pick<Bus, 'js' | 'names' | 'replicas'>,
  ackWaitMs: number,
  options: { maxDeliver?: number } = {},
): Promise<void> {
  const { names } = bus;
  const jsm = await bus.js.jetstreamManager();
  await ensureDurableSpecs(jsm, scalerDurableSpecs(names), options);
  await ensureWorkQueue(jsm, {
    stream: names.streams.scaleActuations,
    subjects: [names.subjects.scaleActuateAll],
    durables: [{ durable: names.durables.scalerActuate, filter: names.subjects.scaleActuateAll }],
    ackWaitMs,
    replicas: bus.replicas,
  });
}
