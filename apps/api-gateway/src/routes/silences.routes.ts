import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { AlertSilence } from '@autoscale/contracts';
import { MS_PER_DAY, MS_PER_MIN } from '@autoscale/time-units';
import { ApiError } from '../api-error';
import type { GatewayDeps } from '../deps';
import { jsonBody } from '../json-body';
import { apiRoutes } from '../openapi/api-routes';
import { ERRORS } from '../openapi/error.schemas';
import { BEARER } from '../openapi/security';
import { SilenceBody, SilenceCreated, SilencesResponse } from '../openapi/silence.schemas';
import type { SilenceState } from '../openapi/silence.schemas';
import { tag } from '../openapi/tags';
import { recordAudit } from '../audit/audit-trail';
import { authorOf, requireToken } from '../require-token.middleware';
import { lazySilenceStore } from '../silence-store';

const MAX_SILENCE_MS = 90 * MS_PER_DAY;

const state = (s: AlertSilence, now: number): SilenceState => {
  if (now < Date.parse(s.startsAt)) return 'pending';
  return now < Date.parse(s.endsAt) ? 'active' : 'expired';
};

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: tag('Silences'),
  summary: 'Every silence',
  description: 'Each with its state: pending, active or expired.',
  responses: {
    200: { description: 'The silences', content: { 'application/json': { schema: SilencesResponse } } },
    503: ERRORS.unavailable,
  },
});

/**
 * `POST /api/silences` (token), `GET /api/silences`, `DELETE /api/silences/:id` (token).
 * A silence names a resource id or glob (`web-*`), a metric or `*`, and a time range
 * (`startsAt`, default now, to `endsAt` or `durationMin` later). Alerts it matches are still
 * decided and listed, marked `silenced`, never delivered; it ends on time by itself.
 */
export function silencesRoutes(deps: GatewayDeps) {
  const store = lazySilenceStore(deps);
  const guard = requireToken(deps.config);
  const createSilenceRoute = createRoute({
    method: 'post',
    path: '/',
    tags: tag('Silences'),
    summary: 'Silence alerts',
    description:
      'Alerts the silence matches are still decided and listed, marked `silenced`, never delivered; it ends on time by itself (at most 90 days).',
    security: BEARER,
    middleware: [guard, jsonBody({ optional: false })] as const,
    request: { body: { required: true, content: { 'application/json': { schema: SilenceBody } } } },
    responses: {
      201: { description: 'The silence', content: { 'application/json': { schema: SilenceCreated } } },
      400: ERRORS.badRequest,
      401: ERRORS.unauthorized,
      413: ERRORS.payloadTooLarge,
      415: ERRORS.unsupportedMediaType,
      503: ERRORS.unavailable,
    },
  });
  const deleteRoute = createRoute({
    method: 'delete',
    path: '/{id}',
    tags: tag('Silences'),
    summary: 'End a silence',
    security: BEARER,
    middleware: [guard] as const,
    request: { params: z.object({ id: z.string().openapi({ description: "The silence's id" }) }) },
    responses: {
      204: { description: 'Deleted' },
      401: ERRORS.unauthorized,
      404: ERRORS.notFound('No such silence'),
      503: ERRORS.unavailable,
    },
  });
  return apiRoutes()
    .openapi(listRoute, async (c) => {
      const now = Date.now();
      const silences = await (await store()).listSilences();
      return c.json({ silences: silences.map((s) => ({ ...s, state: state(s, now) })) }, 200);
    })
    .openapi(createSilenceRoute, async (c) => {
      const body = c.req.valid('json');
      const now = Date.now();
      const startsAt = body.startsAt ? Date.parse(body.startsAt) : now;
      const endsAt = body.endsAt ? Date.parse(body.endsAt) : startsAt + body.durationMin! * MS_PER_MIN;
      if (endsAt <= startsAt) throw new ApiError(400, 'bad_request', 'endsAt: must be after startsAt');
      if (endsAt <= now) throw new ApiError(400, 'bad_request', 'endsAt: must be in the future');
      if (endsAt - startsAt > MAX_SILENCE_MS) throw new ApiError(400, 'bad_request', 'a silence lasts at most 90 days');
      const silence: AlertSilence = {
        v: 1,
        id: randomUUID(),
        resource: body.resource,
        metric: body.metric,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        comment: body.comment,
        // The token's name, never a typed one; a typed name only where writes are open.
        createdBy: authorOf(c, body.createdBy),
        createdAt: new Date(now).toISOString(),
      };
      await (await store()).putSilence(silence);
      await recordAudit(deps, c, 'silence.created', silence.id, {
        resource: silence.resource,
        metric: silence.metric,
        startsAt: silence.startsAt,
        endsAt: silence.endsAt,
        comment: silence.comment,
      });
      return c.json({ silence: { ...silence, state: state(silence, now) } }, 201);
    })
    .openapi(deleteRoute, async (c) => {
      const { id } = c.req.valid('param');
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(id) || !(await (await store()).deleteSilence(id))) {
        throw new ApiError(404, 'not_found', `no silence ${id}`);
      }
      await recordAudit(deps, c, 'silence.deleted', id);
      return c.body(null, 204);
    });
}
