import type { Context } from 'hono';
import type { SharedBody } from './shared-reads';

/**
 * Sends a shared JSON answer with its ETag, or `304 Not Modified` (no body) when the client's
 * `If-None-Match` names it: a dashboard polling an unchanged page moves a few hundred bytes.
 *
 * @example
 * return sendShared(c, await pages(key));
 */
export function sendShared(c: Context, shared: SharedBody): Response {
  const headers = { ETag: shared.etag, 'Cache-Control': 'no-cache' };
  const asked = c.req.header('if-none-match');
  if (asked && asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === shared.etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(shared.body, 200, { ...headers, 'Content-Type': 'application/json' });
}
