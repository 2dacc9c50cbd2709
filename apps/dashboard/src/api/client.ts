import { ApiErrorBody } from '@autoscale/http-contract';
import type { z } from 'zod';
import { takeEarly } from './early-read';
import { authHeader, tokenStore } from './token-store';

/** Calls to the gateway, same origin. Errors carry the gateway's own message. */

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function failure(res: Response): Promise<ApiFailure> {
  const body = ApiErrorBody.safeParse(await res.json().catch(() => null));
  if (!body.success) return new ApiFailure(res.status, 'http_error', `the gateway answered ${res.status}`);
  return new ApiFailure(res.status, body.data.error.code, body.data.error.message);
}

/**
 * The answer as the gateway's own schema (shared through @autoscale/http-contract) reads it.
 * An answer that does not match is an error that names each field, never a guess: a renamed
 * field shows as "does not match", not as a quiet default.
 */
export function checkAnswer<S extends z.ZodType>(schema: S, body: unknown, path: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`);
  throw new ApiFailure(
    200,
    'contract_mismatch',
    `the gateway's answer to ${path} does not match this dashboard (${fields.join('; ')})`,
  );
}

type AskToken = () => Promise<string | null>;
let askToken: AskToken = () => Promise.resolve(null);
let asking: Promise<string | null> | null = null;

/** How the page asks for a token when the gateway answers 401 (the token dialog). */
export function whenTokenNeeded(ask: AskToken) {
  askToken = ask;
}

/**
 * Asks for a token, once for every caller refused at the same time (a page's reads all get
 * their 401 together with `API_AUTH=all`): they share one dialog and its answer. Kept when given.
 */
export async function requestToken(): Promise<string | null> {
  asking ??= askToken().finally(() => (asking = null));
  const given = await asking;
  if (given) tokenStore.set(given);
  return given;
}

/**
 * `fetch` with the kept bearer token (the first attempt's answer is `first` when given: a read
 * early.ts started). On 401 the kept token is dropped, one is asked for
 * (`whenTokenNeeded`) and the call is made once more; a second 401 is an error.
 */
async function authorized(path: string, init: RequestInit = {}, first?: Promise<Response>): Promise<Response> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const res = await ((attempt === 0 && first) ||
      fetch(path, { ...init, headers: { ...init.headers, ...authHeader() } }));
    if (res.status !== 401) return res;
    if (attempt === 1) break;
    tokenStore.clear();
    if (!(await requestToken())) throw new ApiFailure(401, 'unauthorized', 'no token given');
  }
  throw new ApiFailure(401, 'unauthorized', 'the token was refused');
}

/** GETs `path` and checks the answer against `schema`. */
export async function getJson<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
  const res = await authorized(path, { headers: { accept: 'application/json' } });
  if (!res.ok) throw await failure(res);
  return checkAnswer(schema, await res.json(), path);
}

/** An answer with its ETag, or `unchanged` when the gateway answered `304 Not Modified`. */
export type Conditional<T> = { body: T; etag: string | null } | 'unchanged';

/**
 * GETs `path` with `If-None-Match: etag` (when one is given) and checks a `200` against
 * `schema`; a `304` costs no parsing. Without an ETag, early.ts's read of `path` is
 * the answer when there is one (see readEarly).
 */
export async function getConditional<S extends z.ZodType>(
  path: string,
  schema: S,
  etag: string | null,
): Promise<Conditional<z.infer<S>>> {
  const res = await authorized(
    path,
    { headers: { accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) } },
    etag ? undefined : takeEarly(path),
  );
  if (res.status === 304) return 'unchanged';
  if (!res.ok) throw await failure(res);
  return { body: checkAnswer(schema, await res.json(), path), etag: res.headers.get('etag') };
}

/** POSTs JSON (with the kept token, asking for one on 401) and checks the answer against `schema`. */
export async function postJson<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
  const res = await authorized(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await failure(res);
  return checkAnswer(schema, await res.json(), path);
}
