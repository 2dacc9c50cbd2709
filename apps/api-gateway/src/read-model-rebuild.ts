import type { Bus } from '@autoscale/bus';
import { markReadModelFed, readModelIsFed } from '@autoscale/db';
import type { Database } from '@autoscale/db';
import type { Logger } from '@autoscale/observability';

/**
 * Makes sure this database receives everything the streams retain. The gateway's durables
 * remember what they delivered, not which database it went to: if the database is new
 * (no marker row) or was emptied (no samples while METRICS holds some), the durables are
 * deleted and provisioned again from the first retained message, and the marker written.
 * Upserts are idempotent, so a replay into a database that had some rows changes nothing.
 * Call before the projections start. The durables are provisioned again through the bus
 * front door, so the streams keep their replicas (STREAM_REPLICAS).
 *
 * @example
 * await ensureReadModelFed({ bus, db, log });
 */
export async function ensureReadModelFed(deps: { bus: Bus; db: Database; log: Logger }): Promise<'fed' | 'rebuilt'> {
  const { marker, hasSamples } = await readModelIsFed(deps.db);
  const jsm = await deps.bus.js.jetstreamManager();
  const streamHasSamples = (await jsm.streams.info(deps.bus.names.streams.metrics)).state.messages > 0;
  if (marker && (hasSamples || !streamHasSamples)) return 'fed';
  deps.log.warn(
    { marker, hasSamples, streamHasSamples },
    'read model is new or empty: replaying the streams into it from the first retained event',
  );
  await resetGatewayDurables(deps);
  await markReadModelFed(deps.db);
  return 'rebuilt';
}

/** Deletes the gateway's durables and provisions them again (deliver policy: all). */
export async function resetGatewayDurables(deps: { bus: Bus }) {
  const { durables, streams } = deps.bus.names;
  const jsm = await deps.bus.js.jetstreamManager();
  const ours = [
    [streams.metrics, durables.gatewayMetrics],
    [streams.forecasts, durables.gatewayForecasts],
    [streams.alerts, durables.gatewayAlerts],
    [streams.scaling, durables.gatewayScaling],
  ] as const;
  for (const [stream, durable] of ours) await jsm.consumers.delete(stream, durable).catch(() => false);
  await deps.bus.ensure();
}
