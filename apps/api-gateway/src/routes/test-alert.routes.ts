import { Hono } from 'hono';
import { z } from 'zod';
import { AlertTestReply } from '@autoscale/contracts';
import type { AlertTestRequest } from '@autoscale/contracts';
import { ApiError } from '../api-error';
import type { GatewayDeps } from '../deps';
import { rateLimit } from '../rate-limit.middleware';
import { requireToken } from '../require-token.middleware';

const ALERTER_TIMEOUT_MS = 15_000;
const TestAlertBody = z.object({ requestedBy: z.string().max(200).optional() });

/**
 * `POST /api/test-alert`: asks the alerter (NATS request/reply) to send a test alert on
 * every channel and returns it with the delivery results. Requires the bearer token when
 * `API_TOKEN` is set, and is rate-limited (`TEST_ALERT_RATE_PER_MIN`, then 429 with
 * `Retry-After`). The request carries a deadline: an alerter that gets it too late drops it.
 */
export function testAlertRoutes(deps: GatewayDeps) {
  return new Hono().post('/', requireToken(deps.config.API_TOKEN), rateLimit(deps.config.TEST_ALERT_RATE_PER_MIN), async (c) => {
    const body = await readBody(c.req.raw);
    const reply = await askAlerter(deps, { ...body, deadline: new Date(Date.now() + ALERTER_TIMEOUT_MS).toISOString() });
    if ('error' in reply) throw new ApiError(502, 'alerter_failed', `the alerter could not send the test alert: ${reply.error}`);
    return c.json({ alert: reply.alert });
  });
}

async function readBody(request: Request) {
  const text = await request.text();
  if (text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'bad_request', 'the body must be JSON, e.g. {"requestedBy": "ops"}, or empty');
  }
  const parsed = TestAlertBody.safeParse(json);
  if (!parsed.success) throw new ApiError(400, 'bad_request', parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

async function askAlerter(deps: GatewayDeps, request: AlertTestRequest) {
  try {
    const msg = await deps.nc.request(deps.names.subjects.alertTest, JSON.stringify(request), { timeout: ALERTER_TIMEOUT_MS });
    return AlertTestReply.parse(msg.json());
  } catch {
    throw new ApiError(503, 'alerter_unavailable', 'the alerter did not answer; check that the alerter service is running');
  }
}
