import { ApiErrorBody } from '@autoscale/http-contract';

// The error shape lives in @autoscale/http-contract, shared with the dashboard's client.
export { ErrorCode, ApiErrorBody } from '@autoscale/http-contract';

const errorResponse = (
  description: string,
  headers?: Record<string, { description: string; schema: { type: 'string' | 'integer' } }>,
) => ({
  description,
  content: { 'application/json': { schema: ApiErrorBody } },
  ...(headers ? { headers } : {}),
});

/** The error answers routes declare, by status; `notFound(what)` says what was not found. */
export const ERRORS = {
  badRequest: errorResponse(
    'A parameter or the body is not valid (`bad_request`); the message names each field and what is wrong.',
  ),
  unauthorized: errorResponse('`API_TOKEN` is set and the request has no valid bearer token (`unauthorized`).', {
    'WWW-Authenticate': { description: 'How to authenticate: `Bearer realm="autoscale"`.', schema: { type: 'string' } },
  }),
  unsupportedMediaType: errorResponse(
    'A body was sent without `Content-Type: application/json` (`unsupported_media_type`).',
  ),
  payloadTooLarge: errorResponse('The body is larger than 64 KB (`payload_too_large`); refused before it is read.'),
  rateLimited: errorResponse('More test alerts than `TEST_ALERT_RATE_PER_MIN` in the last minute (`rate_limited`).', {
    'Retry-After': { description: 'Seconds until the next request is let through.', schema: { type: 'integer' } },
  }),
  unavailable: errorResponse(
    'PostgreSQL or NATS is down or too slow (`unavailable`, within 1.5 s), or the client went away (`cancelled`); see /api/health.',
  ),
  alerterFailed: errorResponse(
    'The alerter answered that it could not send the test alert (`alerter_failed`), with its reason.',
  ),
  alerterUnavailable: errorResponse('NATS or the alerter did not answer (`unavailable`, `alerter_unavailable`).'),
  notFound: (what: string) => errorResponse(`${what} (\`not_found\`).`),
  conflict: (what: string) => errorResponse(`${what} (\`conflict\`).`),
};
