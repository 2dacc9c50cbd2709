import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** An error the client should see as `{error: {code, message}}` with `status`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const errorBody = (code: string, message: string) => ({ error: { code, message } });

export const sendError = (c: Context, error: ApiError) => c.json(errorBody(error.code, error.message), error.status);

/** Parses a query string with a schema, or throws a 400 naming every bad parameter. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const result = schema.safeParse(c.req.query());
  if (result.success) return result.data;
  const message = result.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
  throw new ApiError(400, 'bad_request', message);
}
