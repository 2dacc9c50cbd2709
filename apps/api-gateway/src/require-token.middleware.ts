import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ApiError } from './api-error';
import { apiTokens } from './auth/api-tokens';
import type { ApiTokens } from './auth/api-tokens';

/** The name recorded when no token is configured (writes are open). */
export const ANONYMOUS = 'anonymous';

type TokenConfig = { API_TOKEN?: string | undefined; API_TOKENS_FILE?: string | undefined };

// One table per configuration: the tokens file is read once, at the first guard built.
const tables = new WeakMap<TokenConfig, ApiTokens>();
const actors = new WeakMap<Request, string>();

/** The API's tokens for this configuration (read once); main.ts calls it at start to fail early. */
export function tokensOf(config: TokenConfig): ApiTokens {
  let table = tables.get(config);
  if (!table) tables.set(config, (table = apiTokens(config)));
  return table;
}

/**
 * Requires `Authorization: Bearer <token>` when tokens are configured (`API_TOKEN`,
 * `API_TOKENS_FILE`; 401 otherwise), and records whose token it was for {@link actorOf};
 * lets every request through when none is configured.
 *
 * @example
 * new Hono().post('/', requireToken(config), (c) => c.json({ by: actorOf(c) }));
 */
export const requireToken = (config: TokenConfig) => {
  const tokens = tokensOf(config);
  return createMiddleware(async (c, next) => {
    if (tokens.configured) actors.set(c.req.raw, authorize(tokens, c.req.header('authorization')));
    await next();
  });
};

/**
 * Who made this request: the name of the token that {@link requireToken} accepted, or
 * `anonymous` when no token is configured. Never a name the caller typed.
 *
 * @example
 * const silence = { ...body, createdBy: actorOf(c) };
 */
export const actorOf = (c: Context): string => actors.get(c.req.raw) ?? ANONYMOUS;

/**
 * Who a write is recorded as: the token's name, or what the caller typed only while writes
 * are open (no token configured), else `anonymous`.
 *
 * @example
 * const ack = { ...body, ackedBy: authorOf(c, body.ackedBy) };
 */
export const authorOf = (c: Context, typed: string | undefined): string => {
  const actor = actorOf(c);
  return actor === ANONYMOUS ? (typed ?? ANONYMOUS) : actor;
};

function authorize(tokens: ApiTokens, header: string | undefined): string {
  const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1];
  const name = bearer ? tokens.nameOf(bearer) : undefined;
  if (!name) throw new ApiError(401, 'unauthorized', 'a valid "Authorization: Bearer <token>" header is required');
  return name;
}
