import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { badRequest } from '../api-error';

/** Where a refused value came from, as a message names it when the issue has no field. */
const WHERE: Record<string, string> = {
  query: 'query',
  param: 'path',
  json: 'body',
  form: 'body',
  header: 'header',
  cookie: 'cookie',
};

/**
 * A request the route's schemas refuse gets the product's 400 (`limit must be at most 500`),
 * never zod's own wording.
 */
const refuseInvalid: Hook<unknown, Env, string, undefined> = (result) => {
  if (!result.success) throw badRequest(result.error.issues, WHERE[result.target] ?? result.target);
  return undefined;
};

/**
 * A router whose routes (`createRoute`) validate their requests and appear in
 * `/api/openapi.json`.
 *
 * @example
 * apiRoutes().openapi(createRoute({ method: 'get', path: '/', responses }), handler);
 */
export const apiRoutes = () => new OpenAPIHono({ defaultHook: refuseInvalid });
