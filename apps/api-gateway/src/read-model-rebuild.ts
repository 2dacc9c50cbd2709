import type { BusNames } from '@autoscale/contracts';
import { ensureBus } from '@autoscale/bus';
import type { NatsConnection } from '@autoscale/bus';
import { markReadModelFed, readModelIsFed } from '@autoscale/db';
import type { Database } from '@autoscale/db';
import type { Logger } from '@autoscale/observability';

type JetStreamManager = Awaited<ReturnType<typeof ensureBus>>;

/**
 * Makes sure this database receives everything the streams retain. The gateway's durables
 * remember what they delivered, not which database it went to: if the database is new
 * (no marker row) or was emptied (no samples while METRICS holds some), the durables are
 * deleted and provisioned again from the first retained message, and the marker written.
 * Upserts are idempotent, so a replay into a database that had some rows changes nothing.
 * Call before the projections start.
 *
 * @example
 * await ensureReadModelFed({ nc, jsm, db, names, log });
 */
export async function ensureReadModelFed(deps: {
  nc: NatsConnection;
  jsm: JetStreamManager;
  db: Database;
  names: BusNames;
  log: Logger;
}): Promise<'fed' | 'rebuilt'> {
  const { marker, hasSamples } = await readModelIsFed(deps.db);
  const streamHasSamples = (await deps.jsm.streams.info(deps.names.streams.metrics)).state.messages > 0;
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
export async function resetGatewayDurables(deps: { nc: NatsConnection; jsm: JetStreamManager; names: BusNames }) {
  const { durables, streams } = deps.names;
  const ours = [
    [streams.metrics, durables.gatewayMetrics],
    [streams.forecasts, durables.gatewayForecasts],
    [streams.alerts, durables.gatewayAlerts],
    [streams.scaling, durables.gatewayScaling],
  ] as const;
  for (const [stream, durable] of ours) await deps.jsm.consumers.delete(stream, durable).catch(() => false);
  await ensureBus(deps.nc, deps.names);
}
