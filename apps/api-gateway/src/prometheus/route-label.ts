import type { Context, Hono } from 'hono';
import { matchedRoutes } from 'hono/route';
import { TrieRouter } from 'hono/router/trie-router';

/** The label of a request that matched no route pattern, whatever its method. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route pattern a request addressed (`/api/alerts/:episodeId/ack`, never the raw URL, so
 * ids in paths cannot explode the series count), whatever the answer: a handler's 404
 * (unknown episode) and a 405 (wrong method on a known path) carry the pattern too.
 * Only a path no route declares is `unmatched`.
 *
 * @example
 * const label = routeLabeller(app);
 * app.use(async (c, next) => { await next(); counter.inc({ route: label(c) }); });
 */
export function routeLabeller(app: Pick<Hono, 'routes'>) {
  let patterns: TrieRouter<string> | undefined;
  const patternOf = (path: string) => {
    if (!patterns) {
      patterns = new TrieRouter<string>();
      const declared = new Set(
        app.routes.filter((r) => r.method !== 'ALL' && !r.path.includes('*')).map((r) => r.path),
      );
      for (const pattern of declared) patterns.add('ALL', pattern, pattern);
    }
    const [matches] = patterns.match('ALL', path);
    return matches[0]?.[0];
  };
  return (c: Context): string => {
    const answered = matchedRoutes(c).at(-1);
    if (answered && answered.method !== 'ALL') return answered.path;
    return patternOf(c.req.path) ?? UNMATCHED_ROUTE;
  };
}
