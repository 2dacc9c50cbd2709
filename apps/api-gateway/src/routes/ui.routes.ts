import { Hono } from 'hono';
import type { Context } from 'hono';
import { ApiError } from '../api-error';
import { sendStaticFile } from '../ui/send-static-file';
import { loadStaticFiles } from '../ui/static-files';

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
      if (path === '/index.html')
        throw new ApiError(404, 'not_found', 'the dashboard is not built; run "npx nx build @autoscale/api-gateway"');
      throw new ApiError(404, 'not_found', `no file ${path}`);
    }
    return sendStaticFile(c, file);
  };
  return new Hono()
    .get('/', (c) => serve(c, '/index.html'))
    .get('/favicon.svg', (c) => serve(c, '/favicon.svg'))
    .get('/assets/:file', (c) => serve(c, `/assets/${c.req.param('file')}`));
}
