// First: zod reads its settings when the schemas are built, as their modules load.
import './zod-setup';
import { whenTokenNeeded } from './api/client';
import { connectLive } from './live/live-stream';
import { store } from './store';
import type { Change } from './store';
import { renderAlerts } from './views/alerts.view';
import { renderOverview } from './views/overview.view';
import { renderResource } from './views/resource.view';
import { renderScaleTarget, renderScaling } from './views/scaling.view';
import { renderSettings } from './views/settings.view';
import { askToken } from './views/token-dialog';

type View = { update: (change: Change) => void; dispose?: () => void };

const main = document.getElementById('main')!;
let view: View | undefined;

/** Hash routes: `#/`, `#/resource/<id>`, `#/alerts`, `#/scaling`, `#/scaling/<target>`, `#/settings`. */
function route() {
  view?.dispose?.();
  const hash = location.hash.replace(/^#/, '') || '/';
  const resource = /^\/resource\/(.+)$/.exec(hash);
  const scaleTarget = /^\/scaling\/(.+)$/.exec(hash);
  let section = hash.slice(1) || 'overview';
  if (resource) section = 'overview';
  if (scaleTarget) section = 'scaling';
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    if (link.dataset['nav'] === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (resource) view = renderResource(main, decodeURIComponent(resource[1]!));
  else if (scaleTarget) view = renderScaleTarget(main, decodeURIComponent(scaleTarget[1]!));
  else if (hash === '/scaling') view = renderScaling(main);
  else if (hash === '/alerts') view = renderAlerts(main);
  else if (hash === '/settings') view = renderSettings(main);
  else view = renderOverview(main);
  const named = resource?.[1] ?? scaleTarget?.[1];
  document.title = `${named ? decodeURIComponent(named) : section[0]!.toUpperCase() + section.slice(1)} · AutoScale CIRM`;
}

// Live changes arrive in bursts (one forecast per series per poll): redraw at most once a frame,
// but give the resource view every change so its charts append each sample.
let pending: Change[] = [];
store.listeners.add((change) => {
  if (pending.push(change) > 1) return;
  requestAnimationFrame(() => {
    const changes = pending;
    pending = [];
    for (const change of changes) view?.update(change);
  });
});

// With `API_AUTH=all` the first read is refused until a token is given: ask in the dialog.
whenTokenNeeded(askToken);

const badge = document.getElementById('live')!;
connectLive((state) => {
  badge.textContent = state === 'live' ? 'live' : 'reconnecting…';
  badge.dataset['state'] = state;
});

window.addEventListener('hashchange', () => {
  route();
  main.focus();
});
route();
void store.load();
