import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '@autoscale/config';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** The name the single `API_TOKEN` goes by in the audit trail. */
export const SINGLE_TOKEN_NAME = 'api-token';

/**
 * `API_TOKENS_FILE`: one entry per person or system, the token itself never stored — only its
 * SHA-256 (tokens are 32 random bytes, so a fast hash is enough; `openssl rand -hex 32`).
 */
const TokensFile = z
  .object({
    tokens: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Za-z0-9._@-]{1,100}$/, 'letters, digits, . _ @ - (at most 100)'),
            sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the hex SHA-256 of the token: printf %s "$TOKEN" | sha256sum'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** Who a bearer token is: its name, or undefined when no configured token matches. */
export type ApiTokens = { configured: boolean; nameOf: (bearer: string) => string | undefined };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * The API's tokens: the named ones of `API_TOKENS_FILE` and the single `API_TOKEN` (named
 * `api-token`); `configured` is false when there are none (writes are then open).
 *
 * @example
 * const tokens = apiTokens({ API_TOKEN: process.env.API_TOKEN, API_TOKENS_FILE: 'tokens.yaml' });
 * tokens.nameOf(bearer); // 'alice', or undefined
 */
export function apiTokens(config: { API_TOKEN?: string | undefined; API_TOKENS_FILE?: string | undefined }): ApiTokens {
  const entries = [
    ...(config.API_TOKEN ? [{ name: SINGLE_TOKEN_NAME, hash: sha256(config.API_TOKEN) }] : []),
    ...readTokensFile(config.API_TOKENS_FILE).map((t) => ({ name: t.name, hash: Buffer.from(t.sha256, 'hex') })),
  ];
  return {
    configured: entries.length > 0,
    nameOf(bearer) {
      const given = sha256(bearer);
      // Every entry is compared (constant time each), so timing does not tell which matched.
      let found: string | undefined;
      for (const entry of entries) if (timingSafeEqual(given, entry.hash) && !found) found = entry.name;
      return found;
    },
  };
}

function readTokensFile(path: string | undefined) {
  if (!path) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `API_TOKENS_FILE: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  const result = TokensFile.safeParse(parseYaml(text));
  if (!result.success)
    throw new ConfigError(
      result.error.issues.map((i) => `API_TOKENS_FILE: ${i.path.join('.') || '(file)'}: ${i.message}`),
    );
  const names = result.data.tokens.map((t) => t.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i || n === SINGLE_TOKEN_NAME);
  if (duplicate)
    throw new ConfigError([
      `API_TOKENS_FILE: the name ${duplicate} is used twice (or is the reserved ${SINGLE_TOKEN_NAME})`,
    ]);
  return result.data.tokens;
}
