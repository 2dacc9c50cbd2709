import { gatewayApi } from '../api/gateway-api';
import { applyForecast, soonestBreach, toPageView } from '../api/resource-page';
import type { PageRow, PageView } from '../api/resource-page';
import { h, replaceChildren } from '../dom';
import { clock, pct, relative } from '../format';
import { store } from '../store';
import type { Change } from '../store';
import { overviewAsk } from './overview-ask';
import { statusBadge } from './status-badge';

/** Every row is this tall (styles.css `.resources.virtual tbody tr`): rows off screen are not built. */
const ROW_HEIGHT = 44;
/** Rows built beyond the visible ones, above and below, so a scroll never shows a gap. */
const OVERSCAN = 8;
/** How often the first page is asked for again (a `304` while nothing changed). */
const REFRESH_MS = 10_000;

let filterText = '';

/**
 * The resources, worst first, a page at a time from the server (which sorts, filters and
 * counts them); only the rows in view are in the DOM, and a live forecast redraws its row if
 * it is shown. The id filter (a glob, or any part of the id) survives navigation.
 */
export function renderOverview(main: HTMLElement) {
  let page: PageView = { total: 0, next: null, rows: [], etag: null };
  const byId = new Map<string, PageRow>();
  let loadedMore = false;
  let asked = 0;

  const input = h('input', {
    id: 'filter',
    type: 'search',
    placeholder: 'resource id, or a glob like web-*',
    value: filterText,
    autocomplete: 'off',
    oninput: (e: Event) => {
      filterText = (e.target as HTMLInputElement).value;
      clearTimeout(typing);
      typing = setTimeout(() => void loadFirst(), 200);
    },
  });
  let typing: ReturnType<typeof setTimeout> | undefined;
  const body = h('tbody');
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', hidden: true, onclick: () => void loadMore() }, 'Show more');
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const wrap = h(
    'div',
    { class: 'table-wrap virtual' },
    h(
      'table',
      { class: 'resources virtual' },
      h('caption', { class: 'sr-only' }, 'Resources, worst first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Resource', 'Status', 'CPU', 'Memory', 'Predicted breach', 'Last sample'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      body,
    ),
  );
  wrap.addEventListener('scroll', () => drawVisible(), { passive: true });
  replaceChildren(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'Resources'),
      h('div', { class: 'filter' }, h('label', { for: 'filter' }, 'Filter'), input),
    ),
    // The store's own first reads (alerts, config) failing, as the other views show it.
    store.error ? h('p', { class: 'error', role: 'alert' }, store.error) : null,
    error,
    wrap,
    h('div', { class: 'page-foot' }, count, more),
  );

  const ask = () => overviewAsk(filterText);

  function show(next: PageView, append: boolean) {
    page = append ? { ...next, rows: [...page.rows, ...next.rows] } : next;
    byId.clear();
    for (const row of page.rows) byId.set(row.resourceId, row);
    drawVisible();
  }

  async function read(run: () => Promise<void>) {
    try {
      await run();
      error.hidden = true;
    } catch (e) {
      error.textContent = (e as Error).message;
      error.hidden = false;
    }
  }

  /** The first page for the current filter; a refresh of an unchanged page costs a 304. */
  async function loadFirst(refresh = false) {
    const ticket = ++asked;
    await read(async () => {
      const answer = await gatewayApi.resourcePage(ask(), refresh ? page.etag : null);
      if (ticket !== asked || answer === 'unchanged') return;
      loadedMore = false;
      show(toPageView(answer.body, answer.etag), false);
    });
  }

  async function loadMore() {
    const cursor = page.next;
    if (!cursor) return;
    const ticket = ++asked;
    await read(async () => {
      const answer = await gatewayApi.resourcePage({ ...ask(), cursor });
      if (ticket !== asked || answer === 'unchanged') return;
      loadedMore = true;
      // The refresh keeps the first page's ETag: more pages shown stop it (see the timer).
      show(toPageView(answer.body, page.etag), true);
    });
  }

  /** Builds the rows in view only, with spacers standing for the rest. */
  function drawVisible() {
    const rows = page.rows;
    const first = Math.max(0, Math.floor(wrap.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const shown = Math.ceil((wrap.clientHeight || window.innerHeight) / ROW_HEIGHT) + 2 * OVERSCAN;
    const last = Math.min(rows.length, first + shown);
    replaceChildren(
      body,
      spacer(first * ROW_HEIGHT),
      ...rows.slice(first, last).map(rowElement),
      spacer((rows.length - last) * ROW_HEIGHT),
    );
    count.textContent = `${rows.length} of ${page.total} resources`;
    more.hidden = page.next === null;
  }

  function redrawRow(resourceId: string) {
    const shown = body.querySelector<HTMLElement>(`tr[data-resource="${CSS.escape(resourceId)}"]`);
    const row = byId.get(resourceId);
    if (shown && row) shown.replaceWith(rowElement(row));
  }

  void loadFirst();
  const timer = setInterval(() => {
    if (!loadedMore) void loadFirst(true);
  }, REFRESH_MS);

  return {
    update(change: Change) {
      if (change.kind === 'loaded') return drawVisible();
      if (change.kind !== 'forecast') return;
      const row = byId.get(change.forecast.resourceId);
      if (row && applyForecast(row, change.forecast)) redrawRow(row.resourceId);
    },
    dispose() {
      clearInterval(timer);
      clearTimeout(typing);
    },
  };
}

const spacer = (height: number) =>
  height > 0 ? h('tr', { class: 'spacer', 'aria-hidden': 'true', style: `height:${height}px` }) : null;

function rowElement(r: PageRow) {
  const breach = soonestBreach(r);
  return h(
    'tr',
    { 'data-resource': r.resourceId },
    h(
      'th',
      { scope: 'row' },
      h('a', { href: `#/resource/${encodeURIComponent(r.resourceId)}` }, r.resourceId),
      h('span', { class: 'muted small' }, ` ${r.provider}`),
    ),
    h('td', {}, statusBadge(r.status, warmingNote(r))),
    h('td', {}, meter(r.cpu, store.config?.thresholds.cpu)),
    h('td', {}, r.memoryAvailable ? meter(r.mem, store.config?.thresholds.mem) : h('span', { class: 'muted' }, 'n/a')),
    h(
      'td',
      {},
      breach
        ? h(
            'span',
            {},
            `${breach.metric.toUpperCase()} ${clock(breach.breachAt)} `,
            h('span', { class: 'muted' }, relative(breach.breachAt)),
          )
        : '–',
    ),
    h('td', { class: 'muted' }, relative(r.lastSeen) || '–'),
  );
}

function warmingNote(r: PageRow) {
  return r.status === 'warming_up' ? `${r.samples} of ${r.needed} samples` : undefined;
}

function meter(value: number | null, threshold: number | undefined) {
  if (value === null) return h('span', { class: 'muted' }, '–');
  const hot = threshold !== undefined && value >= threshold;
  return h(
    'span',
    { class: 'meter' },
    h('span', { class: 'meter-value' }, pct(value)),
    h(
      'span',
      { class: 'meter-bar', 'aria-hidden': 'true' },
      h('span', { class: hot ? 'hot' : '', style: `width:${Math.min(100, Math.max(0, value))}%` }),
    ),
  );
}
