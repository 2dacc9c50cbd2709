import { alertKey } from '../alert-store';
import type { AlertStore } from '../alert-store';
import type { AlertDraft } from '../channels/channel';

/**
 * Whether the episode of `alert` is still the open one of its series, as the shared alert
 * state says (whichever replica decided it): pagers that re-send open alerts ask it first.
 *
 * @example
 * const episodeOpen = openEpisodeCheck(store);
 * await episodeOpen(alert); // false once the episode resolved
 */
export function openEpisodeCheck(store: Pick<AlertStore, 'read'>) {
  return async (alert: AlertDraft): Promise<boolean> => {
    const { record } = await store.read(alertKey(alert.resourceId, alert.metric));
    const started = record?.rule.episodeStartedAt;
    if (!record || record.rule.status === 'ok' || started === null || started === undefined) return false;
    return alert.episodeId === `${alert.resourceId}/${alert.metric}/${new Date(started).toISOString()}`;
  };
}
