import { z } from '@hono/zod-openapi';

/** Every `error.code` the API answers with; {@link ApiErrorBody} and `ApiError` accept no other. */
export const ErrorCode = z.enum([
  'bad_request',
  'unauthorized',
  'not_found',
  'method_not_allowed',
  'unsupported_media_type',
  'payload_too_large',
  'rate_limited',
  'alerter_failed',
  'unavailable',
  'alerter_unavailable',
  'cancelled',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The one error shape: `{error: {code, message}}`, the message in words a person can act on. */
export const ApiErrorBody = z
  .object({ error: z.object({ code: ErrorCode, message: z.string() }) })
  .openapi('Error', { example: { error: { code: 'bad_request', message: 'limit must be at most 500' } } });

const errorResponse = (description: string, headers?: Record<string, { description: string; schema: { type: 'string' | 'integer' } }>) => ({
  description,
  content: { 'application/json': { schema: ApiErrorBody } },
  ...(headers ? { headers } : {}),
});

/** The error answers routes declare, by status; `notFound(what)` says what was not found. */
export const ERRORS = {
  badRequest: errorResponse('A parameter or the body is not valid (`bad_request`); the message names each field and what is wrong.'),
  unauthorized: errorResponse('`API_TOKEN` is set and the request has no valid bearer token (`unauthorized`).', {
    'WWW-Authenticate': { description: 'How to authenticate: `Bearer realm="autoscale"`.', schema: { type: 'string' } },
  }),
  unsupportedMediaType: errorResponse('A body was sent without `Content-Type: application/json` (`unsupported_media_type`).'),
  payloadTooLarge: errorResponse('The body is larger than 64 KB (`payload_too_large`); refused before it is read.'),
  rateLimited: errorResponse('More test alerts than `TEST_ALERT_RATE_PER_MIN` in the last minute (`rate_limited`).', {
    'Retry-After': { description: 'Seconds until the next request is let through.', schema: { type: 'integer' } },
  }),
  unavailable: errorResponse(
    'PostgreSQL or NATS is down or too slow (`unavailable`, within 1.5 s), or the client went away (`cancelled`); see /api/health.',
  ),
  alerterFailed: errorResponse('The alerter answered that it could not send the test alert (`alerter_failed`), with its reason.'),
  alerterUnavailable: errorResponse('NATS or the alerter did not answer (`unavailable`, `alerter_unavailable`).'),
  notFound: (what: string) => errorResponse(`${what} (\`not_found\`).`),
};
