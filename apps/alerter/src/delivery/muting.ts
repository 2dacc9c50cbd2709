import type { SuppressedReason } from '@autoscale/contracts';
import type { SilenceStore } from '@autoscale/alert-stores';
import type { AlertDraft } from '../channels/channel';

/**
 * Why an alert must not be sent at `now`: a silence in force for its series, or an ack of
 * its episode (which stops every notification of that episode but the `resolved`).
 * Test alerts are never muted.
 */
export function createMuting(silences: SilenceStore) {
  return async (alert: AlertDraft, now: number): Promise<SuppressedReason | null> => {
    if (alert.kind === 'test') return null;
    if (await silences.silenceFor(alert.resourceId, alert.metric, now)) return 'silenced';
    if (alert.kind !== 'resolved' && alert.episodeId && (await silences.ackFor(alert.episodeId))) return 'acknowledged';
    return null;
  };
}
