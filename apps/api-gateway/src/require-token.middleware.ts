import { timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { ApiError } from './api-error';

/**
 * Requires `Authorization: Bearer <token>` when `token` is set (401 otherwise); lets every
 * request through when it is not. Guards the routes that page people or mute alerts.
 *
 * @example
 * new Hono().post('/', requireToken(config.API_TOKEN), handler);
 */
export const requireToken = (token: string | undefined) =>
  createMiddleware(async (c, next) => {
    authorize(token, c.req.header('authorization'));
    await next();
  });

function authorize(token: string | undefined, header: string | undefined) {
  if (!token) return;
  const given = Buffer.from(header?.match(/^Bearer\s+(.+)$/i)?.[1] ?? '');
  const expected = Buffer.from(token);
  // Compare byte lengths: timingSafeEqual throws (a 5xx) on buffers of different sizes, which
  // a header of the right character count in non-ASCII characters would otherwise produce.
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  if (!ok) throw new ApiError(401, 'unauthorized', 'a valid "Authorization: Bearer <API_TOKEN>" header is required');
}
