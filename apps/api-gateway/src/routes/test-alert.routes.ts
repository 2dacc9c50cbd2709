import { createRoute, z } from '@hono/zod-openapi';
import { AlertTestReply } from '@autoscale/contracts';
import type { AlertTestRequest } from '@autoscale/contracts';
import { ApiError } from '../api-error';
import type { GatewayDeps } from '../deps';
import { jsonBody } from '../json-body';
import { TestAlertResponse } from '../openapi/alert.schemas';
import { apiRoutes } from '../openapi/api-routes';
import { ERRORS } from '../openapi/error.schemas';
import { BEARER } from '../openapi/security';
import { tag } from '../openapi/tags';
import { rateLimit } from '../rate-limit.middleware';
import { recordAudit } from '../audit/audit-trail';
import { actorOf, ANONYMOUS, requireToken } from '../require-token.middleware';

const ALERTER_TIMEOUT_MS = 15_000;
const TestAlertBody = z.object({
  requestedBy: z.string().max(200).optional().openapi({ description: 'Who asked; shown in the alert' }),
});

/**
 * `POST /api/test-alert`: asks the alerter (NATS request/reply) to send a test alert on
 * every channel and returns it with the delivery results. Requires the bearer token when
 * `API_TOKEN` is set, and is rate-limited (`TEST_ALERT_RATE_PER_MIN`, then 429 with
 * `Retry-After`). The request carries a deadline: an alerter that gets it too late drops it.
 */
export function testAlertRoutes(deps: GatewayDeps) {
  const route = createRoute({
    method: 'post',
    path: '/',
    tags: tag('Alerts'),
    summary: 'Send a test alert on every channel',
    description:
      'Asks the alerter to send a test alert on every configured channel and returns it with the delivery results. ' +
      'At most `TEST_ALERT_RATE_PER_MIN` a minute. The body is optional.',
    security: BEARER,
    middleware: [
      requireToken(deps.config),
      rateLimit(deps.config.TEST_ALERT_RATE_PER_MIN),
      jsonBody({ optional: true }),
    ] as const,
    request: { body: { required: false, content: { 'application/json': { schema: TestAlertBody } } } },
    responses: {
      200: { description: 'The alert as sent', content: { 'application/json': { schema: TestAlertResponse } } },
      400: ERRORS.badRequest,
      401: ERRORS.unauthorized,
      415: ERRORS.unsupportedMediaType,
      429: ERRORS.rateLimited,
      502: ERRORS.alerterFailed,
      503: ERRORS.alerterUnavailable,
    },
  });
  return apiRoutes().openapi(route, async (c) => {
    const body = c.req.valid('json');
    const requestedBy = actorOf(c) === ANONYMOUS ? body?.requestedBy : actorOf(c);
    const reply = await askAlerter(deps, {
      ...(requestedBy ? { requestedBy } : {}),
      deadline: new Date(Date.now() + ALERTER_TIMEOUT_MS).toISOString(),
    });
    if ('error' in reply)
      throw new ApiError(502, 'alerter_failed', `the alerter could not send the test alert: ${reply.error}`);
    await recordAudit(deps, c, 'alert.tested', reply.alert.id);
    return c.json({ alert: reply.alert }, 200);
  });
}

async function askAlerter(deps: GatewayDeps, request: AlertTestRequest) {
  try {
    const msg = await deps.nc.request(deps.names.subjects.alertTest, JSON.stringify(request), {
      timeout: ALERTER_TIMEOUT_MS,
    });
    return AlertTestReply.parse(msg.json());
  } catch {
    throw new ApiError(
      503,
      'alerter_unavailable',
      'the alerter did not answer; check that the alerter service is running',
    );
  }
}
