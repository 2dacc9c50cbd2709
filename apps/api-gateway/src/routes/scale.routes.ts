import { createRoute, z } from '@hono/zod-openapi';
import { ScaleTargetName } from '@autoscale/contracts';
import { latestScaleDecisions } from '@autoscale/db';
import { ApiError } from '../api-error';
import type { GatewayDeps } from '../deps';
import { apiRoutes } from '../openapi/api-routes';
import { ERRORS } from '../openapi/error.schemas';
import { ScaleResponse } from '../openapi/scaling.schemas';
import { tag } from '../openapi/tags';
import { lazyScaleControls } from '../scaling/scale-controls';
import { scaleView } from '../scaling/scale-view';

const route = createRoute({
  method: 'get',
  path: '/{target}',
  tags: tag('Scaling'),
  summary: "A target's desired capacity, for KEDA",
  description:
    'For KEDA\'s `metrics-api` scaler (`valueLocation: desiredReplicas`, `targetValue: "1"`): the capacity the newest decision asks for. Only a fresh decision in `act` mode of a target not paused asks; otherwise `desiredReplicas` is the target\'s minimum, which the HPA, taking the highest of its triggers, ignores.',
  request: { params: z.object({ target: ScaleTargetName }) },
  responses: {
    200: { description: "The target's value", content: { 'application/json': { schema: ScaleResponse } } },
    400: ERRORS.badRequest,
    404: ERRORS.notFound('No decision recorded for this target yet'),
    503: ERRORS.unavailable,
  },
});

/** `GET /api/scale/{target}`: the newest decision's desired capacity, shaped for KEDA's metrics-api scaler. */
export function scaleRoutes(deps: GatewayDeps) {
  const controls = lazyScaleControls(deps);
  return apiRoutes().openapi(route, async (c) => {
    const { target } = c.req.valid('param');
    const row = (await latestScaleDecisions(deps.db, target))[0];
    if (!row) throw new ApiError(404, 'not_found', `no decision recorded for target ${target}`);
    const paused = (await (await controls()).pauseOf(target)) !== null;
    return c.json(scaleView(row, paused, Date.now()), 200, { 'cache-control': 'no-store' });
  });
}
