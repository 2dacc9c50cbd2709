/** Where the page is: one view per hash route; `name` is the resource id or scale target in the hash. */
export type Route =
  | { view: 'overview' }
  | { view: 'resource'; name: string }
  | { view: 'scaling' }
  | { view: 'scale-target'; name: string }
  | { view: 'alerts' }
  | { view: 'settings' };

const FIXED: Record<string, Route> = {
  '/scaling': { view: 'scaling' },
  '/alerts': { view: 'alerts' },
  '/settings': { view: 'settings' },
};

/**
 * Hash routes: `#/`, `#/resource/<id>`, `#/alerts`, `#/scaling`, `#/scaling/<target>`,
 * `#/settings`; any other hash is the overview.
 *
 * @example
 * parseRoute('#/resource/web%2D1'); // { view: 'resource', name: 'web-1' }
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const resource = /^\/resource\/(.+)$/.exec(path);
  if (resource) return { view: 'resource', name: decodeURIComponent(resource[1]!) };
  const scaleTarget = /^\/scaling\/(.+)$/.exec(path);
  if (scaleTarget) return { view: 'scale-target', name: decodeURIComponent(scaleTarget[1]!) };
  return FIXED[path] ?? { view: 'overview' };
}
