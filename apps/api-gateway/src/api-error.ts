import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ErrorCode } from './openapi/error.schemas';

/** An error the client should see as `{error: {code, message}}` with `status`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const errorBody = (code: ErrorCode, message: string) => ({ error: { code, message } });

/** Sends the error; a 401 also says how to authenticate (RFC 6750). */
export function sendError(c: Context, error: ApiError) {
  if (error.status === 401) c.header('WWW-Authenticate', 'Bearer realm="autoscale"');
  return c.json(errorBody(error.code, error.message), error.status);
}

/** A 400 whose message says, in the product's words, what is wrong with each field. */
export const badRequest = (issues: readonly z.core.$ZodIssue[], where: string) =>
  new ApiError(400, 'bad_request', issues.map((issue) => describeIssue(issue, where)).join('; '));

type Issue = z.core.$ZodIssue;
type Describe = (issue: Issue) => string;

const describers: Partial<Record<Issue['code'], Describe>> = {
  invalid_type: (issue) => {
    if (issue.code !== 'invalid_type') return 'is not valid';
    if (issue.expected === 'int') return 'must be a whole number';
    if (issue.expected === 'number') return 'must be a finite number';
    if (issue.expected === 'string') return 'must be text';
    if (issue.expected === 'object') return 'must be a JSON object';
    return `must be a ${issue.expected}`;
  },
  too_small: (issue) => {
    if (issue.code !== 'too_small') return 'is too small';
    if (issue.origin === 'string')
      return Number(issue.minimum) <= 1 ? 'must not be empty' : `needs at least ${issue.minimum} characters`;
    return `must be at least ${issue.minimum}`;
  },
  too_big: (issue) => {
    if (issue.code !== 'too_big') return 'is too large';
    if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long`;
    return `must be at most ${issue.maximum}`;
  },
  invalid_value: (issue) =>
    issue.code === 'invalid_value'
      ? `must be one of ${issue.values.map(String).join(', ')}`
      : 'is not an accepted value',
  unrecognized_keys: (issue) =>
    issue.code === 'unrecognized_keys' ? `has unknown fields ${issue.keys.join(', ')}` : 'has unknown fields',
};

/**
 * One issue as `<field> <what is wrong>`, e.g. `limit must be at most 500`. Custom refinements
 * already speak our words; zod's own wording ("expected number, received NaN") never reaches
 * a client.
 */
export function describeIssue(issue: Issue, where: string): string {
  const field = issue.path.map(String).join('.') || where;
  const describe = describers[issue.code];
  return `${field} ${describe ? describe(issue) : issue.message}`;
}
