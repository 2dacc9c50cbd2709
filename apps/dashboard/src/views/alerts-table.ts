import { acknowledgeEpisode, silenceResource } from '../api/alert-actions';
import type { AlertView } from '../api/alert-view';
import { notSupported } from '../api/client';
import { h, replaceChildren } from '../dom';
import { clock, relative } from '../format';
import { askToken } from './token-dialog';

const SILENCE_MINUTES = 60;

/** Alerts as a table: kind, severity, times, delivery per channel, silence and ack buttons. */
export function alertsTable(alerts: AlertView[], opts: { showResource: boolean }) {
  const note = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  if (alerts.length === 0) return h('div', {}, h('p', { class: 'muted' }, 'No alerts.'));
  const headers = ['Fired', ...(opts.showResource ? ['Resource'] : []), 'Kind', 'Severity', 'Breach at', 'Delivery', 'Message', 'Actions'];
  return h(
    'div',
    {},
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'alerts' },
        h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...alerts.map((a) => row(a, opts.showResource, note))),
      ),
    ),
    note,
  );
}

function row(a: AlertView, showResource: boolean, note: HTMLElement) {
  return h(
    'tr',
    { class: 'alert-row', 'data-alert': a.id },
    h('td', {}, h('time', { datetime: new Date(a.firedAt).toISOString() }, clock(a.firedAt)), h('div', { class: 'muted small' }, relative(a.firedAt))),
    showResource ? h('td', {}, h('a', { href: `#/resource/${encodeURIComponent(a.resourceId)}` }, a.resourceId), ` ${a.metric}`) : null,
    h('td', {}, a.kind),
    h('td', {}, h('span', { class: `sev sev-${a.severity}` }, a.severity)),
    h('td', {}, clock(a.breachAt)),
    h('td', {}, deliveries(a)),
    // The leading emoji is for Slack; here the severity column says it, in words.
    h('td', { class: 'message' }, a.message.replace(/^\p{Extended_Pictographic}\uFE0F?\s*/u, '')),
    h('td', { class: 'actions' }, ...actions(a, note)),
  );
}

function deliveries(a: AlertView) {
  if (a.silenced) return h('span', { class: 'delivery silenced' }, 'silenced');
  if (a.deliveries.length === 0) return h('span', { class: 'muted' }, 'no channel');
  return h(
    'ul',
    { class: 'deliveries' },
    ...a.deliveries.map((d) =>
      h(
        'li',
        { class: `delivery ${d.ok ? 'ok' : d.status}`, title: d.detail ?? '' },
        `${d.channel}: ${d.status}`,
        d.attempts && d.attempts > 1 ? ` (${d.attempts} tries)` : null,
        d.detail && !d.ok ? h('span', { class: 'sr-only' }, ` ${d.detail}`) : null,
      ),
    ),
  );
}

function actions(a: AlertView, note: HTMLElement) {
  if (a.kind === 'test' || a.kind === 'resolved') return [];
  const silence = h('button', { type: 'button', class: 'small-button' }, 'Silence 1 h');
  silence.setAttribute('aria-label', `Silence ${a.resourceId} ${a.metric} for one hour`);
  silence.addEventListener('click', () =>
    run(silence, note, `Silenced ${a.resourceId} for 1 h.`, () => silenceResource(a.resourceId, a.metric, SILENCE_MINUTES, askToken)),
  );
  if (!a.episodeId) return [silence];
  const ack = h('button', { type: 'button', class: 'small-button', disabled: a.acknowledged }, a.acknowledged ? 'Acknowledged' : 'Acknowledge');
  ack.setAttribute('aria-label', `Acknowledge the ${a.resourceId} ${a.metric} episode`);
  const episodeId = a.episodeId;
  ack.addEventListener('click', () => run(ack, note, `Acknowledged; no re-notification until ${a.resourceId} resolves.`, () => acknowledgeEpisode(episodeId, askToken)));
  return [ack, silence];
}

async function run(button: HTMLButtonElement, note: HTMLElement, done: string, action: () => Promise<unknown>) {
  button.disabled = true;
  try {
    await action();
    replaceChildren(note, done);
  } catch (error) {
    button.disabled = false;
    const message = notSupported(error) ? 'This gateway does not offer silences and acknowledgements yet.' : (error as Error).message;
    replaceChildren(note, h('span', { class: 'error' }, message));
  }
}
