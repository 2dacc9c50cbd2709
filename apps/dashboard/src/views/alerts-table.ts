import type { Alert } from '@autoscale/http-contract';
import { h } from '../dom';
import { clock, relative } from '../format';
import { store } from '../store';
import { ackState, alertActions } from './alert-actions';
import { deliveryCell } from './alert-delivery';

/** What the last action did; one element, kept across redraws (an ack redraws the table). */
let kept: HTMLElement | undefined;
const actionNote = () => (kept ??= h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' }));

/**
 * Alerts as a table: the forecast's time (the decision's beside it), kind, severity,
 * delivery per channel or why it was not sent, its episode's ack, and the actions.
 */
export function alertsTable(alerts: Alert[], opts: { showResource: boolean }) {
  if (alerts.length === 0) return h('div', {}, h('p', { class: 'muted' }, 'No alerts.'));
  const note = actionNote();
  const headers = [
    'Forecast of',
    ...(opts.showResource ? ['Resource'] : []),
    'Kind',
    'Severity',
    'Breach at',
    'Delivery',
    'Message',
    'Acknowledgement',
  ];
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

function row(a: Alert, showResource: boolean, note: HTMLElement) {
  const notSent = a.status === 'suppressed' || a.status === 'silenced';
  return h(
    'tr',
    {
      class: notSent ? 'alert-row not-sent' : 'alert-row',
      'data-alert': a.id,
      'data-episode': a.episodeId ?? '',
      'data-status': a.status,
    },
    h('td', {}, ...timeCell(a)),
    showResource
      ? h('td', {}, h('a', { href: `#/resource/${encodeURIComponent(a.resourceId)}` }, a.resourceId), ` ${a.metric}`)
      : null,
    h('td', {}, a.kind),
    h('td', {}, h('span', { class: `sev sev-${a.severity}` }, a.severity)),
    h('td', {}, clock(a.breachAt ? Date.parse(a.breachAt) : null)),
    h('td', {}, deliveryCell(a)),
    // The leading emoji is for Slack; here the severity column says it, in words.
    h('td', { class: 'message' }, a.message.replace(/^\p{Extended_Pictographic}\uFE0F?\s*/u, '')),
    h(
      'td',
      { class: 'actions' },
      ...alertActions(a, note, a.episodeId !== null && store.episodeResolved(a.episodeId)),
      h('div', { class: 'ack' }, ackState(a)),
    ),
  );
}

/**
 * The forecast's time first: an alert decided now on a forecast of hours ago (the backfill)
 * is about then. The decision time is beside it; a test alert has only that.
 */
function timeCell(a: Alert) {
  const decided = Date.parse(a.firedAt);
  const forecastAt = a.forecastAt === null ? null : Date.parse(a.forecastAt);
  const shown = forecastAt ?? decided;
  return [
    h('time', { class: 'forecast-time', datetime: new Date(shown).toISOString() }, clock(shown)),
    h('div', { class: 'muted small' }, relative(shown)),
    forecastAt === null
      ? null
      : h('div', { class: 'muted small decided' }, 'decided ', h('time', { datetime: a.firedAt }, clock(decided))),
  ];
}
