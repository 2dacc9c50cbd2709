import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { MetricName } from '@autoscale/contracts';
import type { AlertSilence } from '@autoscale/contracts';
import { ApiError } from '../api-error';
import type { GatewayDeps } from '../deps';
import { readJsonBody } from '../json-body';
import { requireToken } from '../require-token.middleware';
import { lazySilenceStore } from '../silence-store';

const MAX_SILENCE_MS = 90 * 24 * 3_600_000;
const IsoTime = z.iso.datetime({ offset: true });

const SilenceBody = z
  .object({
    resource: z.string().min(1).max(300),
    metric: z.union([MetricName, z.literal('*')]).default('*'),
    startsAt: IsoTime.optional(),
    endsAt: IsoTime.optional(),
    durationMin: z.number().positive().optional(),
    comment: z.string().max(1000).default(''),
    createdBy: z.string().min(1).max(200),
  })
  .refine((b) => (b.endsAt === undefined) !== (b.durationMin === undefined), {
    message: 'give either endsAt or durationMin',
    path: ['endsAt'],
  });

const state = (s: AlertSilence, now: number) => {
  if (now < Date.parse(s.startsAt)) return 'pending';
  return now < Date.parse(s.endsAt) ? 'active' : 'expired';
};

/**
 * `POST /api/silences` (token), `GET /api/silences`, `DELETE /api/silences/:id` (token).
 * A silence names a resource id or glob (`web-*`), a metric or `*`, and a time range
 * (`startsAt`, default now, to `endsAt` or `durationMin` later). Alerts it matches are still
 * decided and listed, marked `silenced`, never delivered; it ends on time by itself.
 */
export function silencesRoutes(deps: GatewayDeps) {
  const store = lazySilenceStore(deps);
  const guard = requireToken(deps.config.API_TOKEN);
  return new Hono()
    .get('/', async (c) => {
      const now = Date.now();
      const silences = await (await store()).listSilences();
      return c.json({ silences: silences.map((s) => ({ ...s, state: state(s, now) })) });
    })
    .post('/', guard, async (c) => {
      const body = await readJsonBody(c.req.raw, SilenceBody);
      const now = Date.now();
      const startsAt = body.startsAt ? Date.parse(body.startsAt) : now;
      const endsAt = body.endsAt ? Date.parse(body.endsAt) : startsAt + body.durationMin! * 60_000;
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
        createdBy: body.createdBy,
        createdAt: new Date(now).toISOString(),
      };
      await (await store()).putSilence(silence);
      return c.json({ silence: { ...silence, state: state(silence, now) } }, 201);
    })
    .delete('/:id', guard, async (c) => {
      const id = c.req.param('id');
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(id) || !(await (await store()).deleteSilence(id))) {
        throw new ApiError(404, 'not_found', `no silence ${id}`);
      }
      return c.body(null, 204);
    });
}
