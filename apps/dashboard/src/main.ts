// First: zod reads its settings when the schemas are built, as their modules load.
import './zod-setup';
import { whenTokenNeeded } from './api/client';
import { forgetEarlyReads } from './api/early-read';
import { connectLive } from './live/live-stream';
import { parseRoute } from './routes';
import type { Route } from './routes';
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

/** The nav entry shown as current for each view. */
const SECTION: Record<Route['view'], string> = {
  overview: 'overview',
  resource: 'overview',
  scaling: 'scaling',
  'scale-target': 'scaling',
  alerts: 'alerts',
  settings: 'settings',
};

function render(route: Route): View {
  switch (route.view) {
    case 'resource':
      return renderResource(main, route.name);
    case 'scale-target':
      return renderScaleTarget(main, route.name);
    case 'scaling':
      return renderScaling(main);
    case 'alerts':
      return renderAlerts(main);
    case 'settings':
      return renderSettings(main);
    case 'overview':
      return renderOverview(main);
  }
}

function route() {
  view?.dispose?.();
  const current = parseRoute(location.hash);
  const section = SECTION[current.view];
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    if (link.dataset['nav'] === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  view = render(current);
  const title = 'name' in current ? current.name : section[0]!.toUpperCase() + section.slice(1);
  document.title = `${title} · AutoScale CIRM`;
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
// The first view took the early read of its data (early.ts), if it was the one asked for.
forgetEarlyReads();
void store.load();
