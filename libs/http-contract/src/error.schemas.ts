import { z } from 'zod';

/** Every `error.code` the API answers with; {@link ApiErrorBody} accepts no other. */
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
  'conflict',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The one error shape: `{error: {code, message}}`, the message in words a person can act on. */
export const ApiErrorBody = z
  .object({ error: z.object({ code: ErrorCode, message: z.string() }) })
  .meta({ id: 'Error', example: { error: { code: 'bad_request', message: 'limit must be at most 500' } } });
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
