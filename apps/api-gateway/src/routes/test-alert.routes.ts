import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { AlertTestReply } from '@autoscale/contracts';
import { ApiError } from '../api-error';
import type { GatewayDeps } from '../deps';

const ALERTER_TIMEOUT_MS = 15_000;
const TestAlertBody = z.object({ requestedBy: z.string().max(200).optional() });

/**
 * `POST /api/test-alert`: asks the alerter (NATS request/reply) to send a test alert on
 * every channel and returns it with the delivery results. Requires the bearer token when
 * `API_TOKEN` is set.
 */
export function testAlertRoutes(deps: GatewayDeps) {
  return new Hono().post('/', async (c) => {
    authorize(deps.config.API_TOKEN, c.req.header('authorization'));
    const body = await readBody(c.req.raw);
    const reply = await askAlerter(deps, body);
    if ('error' in reply) throw new ApiError(502, 'alerter_failed', `the alerter could not send the test alert: ${reply.error}`);
    return c.json({ alert: reply.alert });
  });
}

function authorize(token: string | undefined, header: string | undefined) {
  if (!token) return;
  const given = Buffer.from(header?.match(/^Bearer\s+(.+)$/i)?.[1] ?? '');
  const expected = Buffer.from(token);
  // Compare byte lengths: timingSafeEqual throws (a 5xx) on buffers of different sizes, which
  // a header of the right character count in non-ASCII characters would otherwise produce.
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  if (!ok) throw new ApiError(401, 'unauthorized', 'a valid "Authorization: Bearer <API_TOKEN>" header is required');
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

async function askAlerter(deps: GatewayDeps, body: z.infer<typeof TestAlertBody>) {
  try {
    const msg = await deps.nc.request(deps.names.subjects.alertTest, JSON.stringify(body), { timeout: ALERTER_TIMEOUT_MS });
    return AlertTestReply.parse(msg.json());
  } catch {
    throw new ApiError(503, 'alerter_unavailable', 'the alerter did not answer; check that the alerter service is running');
  }
}
