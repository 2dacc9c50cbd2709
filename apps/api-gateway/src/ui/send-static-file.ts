import type { Context } from 'hono';
import type { StaticFile } from './static-files';

/** The page loads only its own files and talks only to this gateway. */
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";

/**
 * Answers with a file held in memory: revalidated by ETag (304) unless `immutable`, never
 * sniffed, and an HTML page under the content security policy above.
 *
 * @example
 * app.get('/', (c) => sendStaticFile(c, files.get('/index.html')!));
 */
export function sendStaticFile(c: Context, file: StaticFile) {
  const headers = {
    'content-type': file.contentType,
    etag: file.etag,
    'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    ...(file.contentType.startsWith('text/html') ? { 'content-security-policy': CSP } : {}),
  };
  if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers);
  return c.body(file.body, 200, headers);
}
