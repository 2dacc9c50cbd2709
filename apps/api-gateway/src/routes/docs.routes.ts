import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ApiError } from '../api-error';
import { loadApiDocsFiles } from '../docs/api-docs-files';
import { apiRoutes } from '../openapi/api-routes';
import { ERRORS } from '../openapi/error.schemas';
import { tag } from '../openapi/tags';
import { sendStaticFile } from '../ui/send-static-file';

const pageRoute = createRoute({
  method: 'get',
  path: '/',
  tags: tag('API description'),
  summary: 'Interactive API docs',
  description: 'Swagger UI on /api/openapi.json, served by the gateway (nothing from a CDN).',
  responses: {
    200: { description: 'The page', content: { 'text/html': { schema: z.string() } } },
    304: { description: 'Not modified since the ETag given in `If-None-Match`' },
  },
});

const fileRoute = createRoute({
  method: 'get',
  path: '/{file}',
  tags: tag('API description'),
  summary: "A file of the docs page (Swagger UI's script and style sheet)",
  request: { params: z.object({ file: z.string().openapi({ example: 'swagger-ui.css' }) }) },
  responses: {
    200: {
      description: 'The file',
      content: { 'text/css': { schema: z.string() }, 'text/javascript': { schema: z.string() } },
    },
    304: { description: 'Not modified since the ETag given in `If-None-Match`' },
    404: ERRORS.notFound('No such file'),
  },
});

/** `GET /api/docs`: the interactive docs, and `GET /api/docs/:file`, the files the page loads. */
export function docsRoutes() {
  const files = loadApiDocsFiles();
  const send = (c: Context, name: string) => {
    const file = files.get(name);
    if (!file) throw new ApiError(404, 'not_found', `no file ${name}`);
    return sendStaticFile(c, file);
  };
  return apiRoutes()
    .openapi(pageRoute, (c) => send(c, '/'))
    .openapi(fileRoute, (c) => send(c, `/${c.req.valid('param').file}`));
}
