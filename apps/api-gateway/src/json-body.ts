import type { z } from 'zod';
import { ApiError } from './api-error';

/**
 * Reads a request body as JSON validated by `schema`, or throws a 400 naming every problem.
 *
 * @example
 * const body = await readJsonBody(c.req.raw, SilenceBody);
 */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(await request.text());
  } catch {
    throw new ApiError(400, 'bad_request', 'the body must be JSON');
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new ApiError(400, 'bad_request', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
}
