import { createMiddleware } from 'hono/factory';
import { ApiError } from './api-error';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * Reads the body as JSON for the route's validator, in the product's words: 415 for a body
 * that is not declared `application/json`, 400 for one that does not parse. An `optional`
 * body may be empty (read as `{}`).
 *
 * @example
 * createRoute({ method: 'post', path: '/', middleware: [jsonBody({ optional: false })], request: { body } })
 */
export const jsonBody = ({ optional }: { optional: boolean }) =>
  createMiddleware(async (c, next) => {
    const text = await c.req.text();
    const contentType = c.req.header('content-type');
    const declaredJson = JSON_MEDIA_TYPE.test(contentType ?? '');
    if (text.trim() === '' && optional) {
      // The route's validator reads a body declared JSON with c.req.json(), which parses the
      // cached text: HonoRequest caches each read as a promise (its type says string). An
      // undeclared empty body the validator reads as {} by itself.
      if (declaredJson) (c.req.bodyCache as { text?: string | Promise<string> }).text = Promise.resolve('{}');
      return next();
    }
    if (text !== '' && !declaredJson) {
      throw new ApiError(415, 'unsupported_media_type', 'send the body as JSON, with "Content-Type: application/json"');
    }
    try {
      JSON.parse(text);
    } catch {
      throw new ApiError(400, 'bad_request', `the body must be JSON${optional ? ', or empty' : ''}`);
    }
    await next();
  });
