import { STATUS_RANK } from '../api/forecast-summary';
import { h, replaceChildren } from '../dom';
import { clock, pct, relative } from '../format';
import { store } from '../store';
import type { ResourceView } from '../store';
import { statusBadge } from './status-badge';

let filterText = '';

/** Every resource, worst first, with a text filter that survives live updates. */
export function renderOverview(main: HTMLElement) {
  const input = h('input', {
    id: 'filter',
    type: 'search',
    placeholder: 'resource, provider or status',
    value: filterText,
    autocomplete: 'off',
    oninput: (e: Event) => {
      filterText = (e.target as HTMLInputElement).value;
      fillRows(body, count);
    },
  });
  const body = h('tbody');
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  replaceChildren(
    main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Resources'), h('div', { class: 'filter' }, h('label', { for: 'filter' }, 'Filter'), input)),
    store.error ? h('p', { class: 'error', role: 'alert' }, store.error) : null,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'resources' },
        h('caption', { class: 'sr-only' }, 'Resources, worst first'),
        h(
          'thead',
          {},
          h('tr', {}, ...['Resource', 'Status', 'CPU', 'Memory', 'Predicted breach', 'Last sample'].map((t) => h('th', { scope: 'col' }, t))),
        ),
        body,
      ),
    ),
    count,
  );
  fillRows(body, count);
  return { update: () => fillRows(body, count) };
}

function fillRows(body: HTMLElement, count: HTMLElement) {
  const needle = filterText.trim().toLowerCase();
  const rows = [...store.resources.values()]
    .map((r) => ({ r, status: store.statusOf(r.resourceId), breach: store.breachOf(r.resourceId) }))
    .filter(({ r, status }) => !needle || `${r.resourceId} ${r.provider} ${status.replace('_', ' ')}`.toLowerCase().includes(needle))
    .sort(
      (a, b) =>
        STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
        (a.breach?.breachAt ?? Infinity) - (b.breach?.breachAt ?? Infinity) ||
        a.r.resourceId.localeCompare(b.r.resourceId),
    );
  replaceChildren(
    body,
    ...rows.map(({ r, status, breach }) =>
      h(
        'tr',
        { 'data-resource': r.resourceId },
        h('th', { scope: 'row' }, h('a', { href: `#/resource/${encodeURIComponent(r.resourceId)}` }, r.resourceId), h('span', { class: 'muted small' }, ` ${r.provider}`)),
        h('td', {}, statusBadge(status, warmingNote(r))),
        h('td', {}, meter(r.cpu, store.config?.thresholds.cpu)),
        h('td', {}, r.memoryAvailable ? meter(r.mem, store.config?.thresholds.mem) : h('span', { class: 'muted' }, 'n/a')),
        h('td', {}, breach ? h('span', {}, `${breach.metric.toUpperCase()} ${clock(breach.breachAt)} `, h('span', { class: 'muted' }, relative(breach.breachAt))) : '–'),
        h('td', { class: 'muted' }, relative(r.lastSeen) || '–'),
      ),
    ),
  );
  count.textContent = `${rows.length} of ${store.resources.size} resources`;
}

function warmingNote(r: ResourceView) {
  const w = store.warmingUp.get(r.resourceId);
  return w ? `${w.samples} of ${w.needed} samples` : undefined;
}

function meter(value: number | null, threshold: number | undefined) {
  if (value === null) return h('span', { class: 'muted' }, '–');
  const hot = threshold !== undefined && value >= threshold;
  return h(
    'span',
    { class: 'meter' },
    h('span', { class: 'meter-value' }, pct(value)),
    h('span', { class: 'meter-bar', 'aria-hidden': 'true' }, h('span', { class: hot ? 'hot' : '', style: `width:${Math.min(100, Math.max(0, value))}%` })),
  );
}
