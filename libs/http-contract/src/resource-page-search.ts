import type { ResourcePageAsk, ResourcePageQuery } from './resource-page-query';

// No zod here (types only): the dashboard builds its first read's path with this before zod has loaded.

/**
 * The URL query for `ask`, which `ResourcePageQuery` reads back as the same values: a client
 * builds its query from the gateway's own types, never from hand-written parameter names.
 *
 * @example
 * const search = resourcePageSearch({ limit: 50, id: 'web-*', status: ['breached'] });
 * // 'limit=50&id=web-*&status=breached'
 */
export function resourcePageSearch(ask: ResourcePageAsk): string {
  const text: Record<keyof ResourcePageQuery, string | undefined> = {
    limit: ask.limit === undefined ? undefined : String(ask.limit),
    cursor: ask.cursor,
    sort: ask.sort,
    id: ask.id,
    provider: ask.provider,
    label:
      ask.label &&
      Object.entries(ask.label)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    status: ask.status?.join(','),
  };
  return Object.entries(text)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
}
