import { postJson } from './client';

/**
 * The alerting endpoints: `POST /api/silences` and `POST /api/alerts/:episodeId/ack`.
 * Bodies are built here only, so a change of shape is a change of this file.
 */
export const silenceResource = (resourceId: string, metric: string, minutes: number, askToken: () => Promise<string | null>) =>
  postJson(
    '/api/silences',
    {
      resource: resourceId,
      metric: metric || '*',
      durationMin: minutes,
      comment: 'silenced from the dashboard',
      createdBy: 'dashboard',
    },
    askToken,
  );

export const acknowledgeEpisode = (episodeId: string, askToken: () => Promise<string | null>) =>
  postJson(`/api/alerts/${encodeURIComponent(episodeId)}/ack`, { ackedBy: 'dashboard', comment: 'acknowledged from the dashboard' }, askToken);
