import { Hono } from 'hono';
import type { Context } from 'hono';
import { ApiError } from '../api-error';
import { loadStaticFiles } from '../ui/static-files';
import type { StaticFile } from '../ui/static-files';

/**
 * The dashboard: `GET /` and its hashed `/assets/*`, bundled at build time next to the
 * gateway (nothing from a CDN). Pages are addressed by the URL hash (`/#/resource/web-1`),
 * so no other path needs the page.
 */
export function uiRoutes(folder: string) {
  const files = loadStaticFiles(folder);
  const serve = (c: Context, path: string) => {
    const file = files.get(path);
    if (!file) {
      if (path === '/index.html') throw new ApiError(404, 'not_found', 'the dashboard is not built; run "npx nx build @autoscale/api-gateway"');
      throw new ApiError(404, 'not_found', `no file ${path}`);
    }
    return send(c, file);
  };
  return new Hono()
    .get('/', (c) => serve(c, '/index.html'))
    .get('/favicon.svg', (c) => serve(c, '/favicon.svg'))
    .get('/assets/:file', (c) => serve(c, `/assets/${c.req.param('file')}`));
}

/** The page loads only its own files and talks only to this gateway. */
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";

function send(c: Context, file: StaticFile) {
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
