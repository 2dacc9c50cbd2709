import { createRoute, z } from '@hono/zod-openapi';
import { ScaleTargetName } from '@autoscale/contracts';
import { latestScaleDecisions, listScaleDecisions } from '@autoscale/db';
import { ApiError } from '../api-error';
import type { GatewayDeps } from '../deps';
import { jsonBody } from '../json-body';
import { apiRoutes } from '../openapi/api-routes';
import { ERRORS } from '../openapi/error.schemas';
import type { ScalingTarget } from '../openapi/scaling.schemas';
import { PauseBody, ScaleControlResponse, ScaleDecisionsResponse, ScalingResponse } from '../openapi/scaling.schemas';
import { BEARER } from '../openapi/security';
import { IsoTime } from '../openapi/time.schema';
import { tag } from '../openapi/tags';
import { recordAudit } from '../audit/audit-trail';
import { authorOf, requireToken } from '../require-token.middleware';
import { decisionView } from '../scaling/decision-view';
import { lazyScaleControls } from '../scaling/scale-controls';
import { scaleView } from '../scaling/scale-view';

const TargetParam = z.object({ target: ScaleTargetName });
/** Decisions that changed something shown per target in the list. */
const CHANGES_SHOWN = 10;

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: tag('Scaling'),
  summary: 'Every scale target',
  description:
    'Each target with its current and desired capacity (as KEDA reads it), its pause, and its newest decisions that changed something, each with its reason and how executing it went.',
  responses: {
    200: { description: 'The targets', content: { 'application/json': { schema: ScalingResponse } } },
    503: ERRORS.unavailable,
  },
});

const historyRoute = createRoute({
  method: 'get',
  path: '/{target}/decisions',
  tags: tag('Scaling'),
  summary: "A target's decisions over time",
  description: 'Every decision (holds included), newest first: capacity against expected utilisation for a chart.',
  request: {
    params: TargetParam,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(2000).default(500),
      since: IsoTime.optional().openapi({ description: 'Only decisions from forecasts at or after this time' }),
    }),
  },
  responses: {
    200: { description: 'The decisions', content: { 'application/json': { schema: ScaleDecisionsResponse } } },
    400: ERRORS.badRequest,
    503: ERRORS.unavailable,
  },
});

const controlResponses = {
  200: { description: 'The target', content: { 'application/json': { schema: ScaleControlResponse } } },
  400: ERRORS.badRequest,
  401: ERRORS.unauthorized,
  404: ERRORS.notFound('No such target'),
  415: ERRORS.unsupportedMediaType,
  503: ERRORS.unavailable,
};

const pauseRoute = (guard: ReturnType<typeof requireToken>) =>
  createRoute({
    method: 'post',
    path: '/{target}/pause',
    tags: tag('Scaling'),
    summary: 'Pause a target',
    description: 'Its decisions are still made and recorded, never executed; its KEDA value falls to the minimum.',
    security: BEARER,
    middleware: [guard, jsonBody({ optional: false })] as const,
    request: { params: TargetParam, body: { required: true, content: { 'application/json': { schema: PauseBody } } } },
    responses: controlResponses,
  });

const resumeRoute = (guard: ReturnType<typeof requireToken>) =>
  createRoute({
    method: 'post',
    path: '/{target}/resume',
    tags: tag('Scaling'),
    summary: 'Resume a target',
    description: 'Its next decisions are executed again (in `act` mode).',
    security: BEARER,
    middleware: [guard] as const,
    request: { params: TargetParam },
    responses: controlResponses,
  });

/**
 * `GET /api/scaling`, `GET /api/scaling/{target}/decisions`, `POST /api/scaling/{target}/pause`
 * and `/resume` (token): what the scaler decided and did, and a per-target brake.
 */
export function scalingRoutes(deps: GatewayDeps) {
  const controls = lazyScaleControls(deps);
  const guard = requireToken(deps.config);
  const known = async (target: string) => {
    if ((await latestScaleDecisions(deps.db, target)).length === 0)
      throw new ApiError(404, 'not_found', `no scale target ${target} has decided yet`);
  };
  return apiRoutes()
    .openapi(listRoute, async (c) => {
      const now = Date.now();
      const [latest, pauses] = await Promise.all([latestScaleDecisions(deps.db), (await controls()).listPauses()]);
      const targets: Array<z.infer<typeof ScalingTarget>> = await Promise.all(
        latest.map(async (row) => {
          const pause = pauses.find((p) => p.target === row.target) ?? null;
          const changes = await listScaleDecisions(deps.db, row.target, { limit: CHANGES_SHOWN, changesOnly: true });
          return {
            target: row.target,
            metric: row.metric,
            actuator: row.actuator,
            targetUtilization: row.targetUtilization,
            minCapacity: row.minCapacity,
            maxCapacity: row.maxCapacity,
            leadMin: row.leadMin,
            value: scaleView(row, pause !== null, now),
            pause: pause ? { pausedAt: pause.pausedAt, pausedBy: pause.pausedBy, comment: pause.comment } : null,
            decisions: changes.map(decisionView),
          };
        }),
      );
      return c.json({ targets }, 200);
    })
    .openapi(historyRoute, async (c) => {
      const { target } = c.req.valid('param');
      const { limit, since } = c.req.valid('query');
      const rows = await listScaleDecisions(deps.db, target, { limit, since: since ? new Date(since) : undefined });
      return c.json({ decisions: rows.map(decisionView) }, 200);
    })
    .openapi(pauseRoute(guard), async (c) => {
      const { target } = c.req.valid('param');
      const body = c.req.valid('json');
      await known(target);
      const pausedBy = authorOf(c, body.pausedBy);
      await (
        await controls()
      ).pause({ v: 1, target, pausedAt: new Date().toISOString(), pausedBy, comment: body.comment });
      await recordAudit(deps, c, 'target.paused', target, { comment: body.comment });
      return c.json({ target, paused: true }, 200);
    })
    .openapi(resumeRoute(guard), async (c) => {
      const { target } = c.req.valid('param');
      await known(target);
      await (await controls()).resume(target);
      await recordAudit(deps, c, 'target.resumed', target);
      return c.json({ target, paused: false }, 200);
    });
}
