import type { AlertAck } from '@autoscale/contracts';
import type { Database } from '../client';
import { alertAcks } from '../schema/index';

/**
 * Records an episode's acknowledgement for `/api/alerts`; a newer ack of the same episode
 * replaces it, so recording one twice changes nothing.
 *
 * @example
 * await recordAck(db, { v: 1, episodeId, ackedBy: 'ops', comment: 'on it', at: new Date().toISOString() });
 */
export async function recordAck(db: Database, ack: AlertAck): Promise<void> {
  const row = { episodeId: ack.episodeId, ackedBy: ack.ackedBy, comment: ack.comment, ackedAt: new Date(ack.at) };
  await db.insert(alertAcks).values(row).onConflictDoUpdate({ target: alertAcks.episodeId, set: row });
}
