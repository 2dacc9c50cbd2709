import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { SSEStreamingApi } from 'hono/streaming';
import { ResourceId } from '@autoscale/contracts';
import type { GatewayDeps } from '../deps';
import { formatCursor, parseCursor } from '../live/event-cursor';
import type { EventCursor } from '../live/event-cursor';
import { createLiveHub } from '../live/live-hub';
import type { LiveEvent } from '../live/live-hub';
import { apiRoutes } from '../openapi/api-routes';
import { ERRORS } from '../openapi/error.schemas';
import { tag } from '../openapi/tags';

const StreamQuery = z.object({
  resource_id: ResourceId.optional().openapi({ description: 'Only the events of this resource' }),
});

const route = createRoute({
  method: 'get',
  path: '/',
  tags: tag('Live'),
  summary: 'Live events (server-sent events)',
  description:
    'Events `ready` (first; `{"resumed": boolean}`), `forecast` (a ForecastUpdated) and `alert` (an AlertFired) as they reach the streams, ' +
    'and a comment line every 15 s as heartbeat. Each event id is a position in the streams: reconnect with `Last-Event-ID` to get what was missed.',
  request: {
    query: StreamQuery,
    headers: z.object({
      'last-event-id': z.string().optional().openapi({ description: 'Resume after this event id' }),
    }),
  },
  responses: {
    200: { description: 'An endless `text/event-stream`', content: { 'text/event-stream': { schema: z.string() } } },
    400: ERRORS.badRequest,
    503: ERRORS.unavailable,
  },
});

/** Comment lines that keep proxies and the browser from dropping an idle connection. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

/**
 * `GET /api/stream?resource_id=`: server-sent events as they reach the streams —
 * `forecast` (a ForecastUpdated) and `alert` (an AlertFired), optionally of one resource.
 * The first event, `ready`, carries the position the stream starts from; every event id is
 * that position, so a reconnect with `Last-Event-ID` resumes exactly after it. Every client is
 * served from one subscription per gateway (see createLiveHub).
 */
export function streamRoutes(
  deps: GatewayDeps & { heartbeatMs?: number | undefined; closing?: AbortSignal | undefined },
) {
  const hub = createLiveHub(deps);
  deps.closing?.addEventListener('abort', () => void hub.stop(), { once: true });
  return apiRoutes().openapi(route, async (c) => {
    const { resource_id: resourceId } = c.req.valid('query');
    const resumeFrom = parseCursor(c.req.header('last-event-id'));
    const cursor: EventCursor = resumeFrom ?? (await hub.position());
    return streamSSE(c, async (sse) => {
      await sse.writeSSE({
        event: 'ready',
        id: formatCursor(cursor),
        data: JSON.stringify({ resumed: Boolean(resumeFrom) }),
      });
      const following = await hub.follow({ ...cursor }, (event: LiveEvent) => {
        cursor[event.kind === 'forecast' ? 'forecasts' : 'alerts'] = event.seq;
        if (resourceId && event.resourceId !== resourceId) return;
        void sse.writeSSE({ event: event.kind, id: formatCursor(cursor), data: event.data });
      });
      await heartbeatUntilClosed(sse, deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS, deps.closing);
      await following.stop();
    });
  });
}

/** Until the client goes away or the gateway shuts down (which would otherwise wait on it). */
async function heartbeatUntilClosed(sse: SSEStreamingApi, heartbeatMs: number, closing: AbortSignal | undefined) {
  const timer = setInterval(() => {
    sse.write(`: heartbeat ${new Date().toISOString()}\n\n`).catch(() => undefined);
  }, heartbeatMs);
  try {
    await new Promise<void>((resolve) => {
      sse.onAbort(resolve);
      if (closing?.aborted) resolve();
      closing?.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    clearInterval(timer);
  }
}
