import { postJson } from './client';

/**
 * The alerts helper's endpoints: `POST /api/silences` and `POST /api/alerts/:episodeId/ack`.
 * Bodies are built here only, so a change of shape is a change of this file.
 */
export const silenceResource = (resourceId: string, metric: string, minutes: number, askToken: () => Promise<string | null>) =>
  postJson(
    '/api/silences',
    {
      resourceId,
      ...(metric ? { metric } : {}),
      durationMin: minutes,
      endsAt: new Date(Date.now() + minutes * 60_000).toISOString(),
      comment: 'silenced from the dashboard',
      createdBy: 'dashboard',
    },
    askToken,
  );

export const acknowledgeEpisode = (episodeId: string, askToken: () => Promise<string | null>) =>
  postJson(`/api/alerts/${encodeURIComponent(episodeId)}/ack`, { by: 'dashboard' }, askToken);
