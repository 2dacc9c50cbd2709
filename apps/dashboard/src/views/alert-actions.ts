import type { Alert } from '@autoscale/http-contract';
import { gatewayApi } from '../api/gateway-api';
import { h, replaceChildren } from '../dom';
import { clock } from '../format';
import { store } from '../store';

const SILENCE_MINUTES = 60;

/** Who acknowledged the alert's episode, when and why; nothing when nobody did. */
export function ackState(a: Alert) {
  if (a.ackedBy === null) return null;
  return h(
    'span',
    { class: 'acked' },
    `Acknowledged by ${a.ackedBy}`,
    a.ackedAt ? h('span', {}, ' at ', h('time', { datetime: a.ackedAt }, clock(Date.parse(a.ackedAt)))) : null,
    a.comment ? h('div', { class: 'muted small' }, `“${a.comment}”`) : null,
  );
}

/**
 * *Acknowledge* (disabled once the episode is acknowledged or has resolved) and
 * *Silence 1 h*; none for test and resolved notifications.
 */
export function alertActions(a: Alert, note: HTMLElement, resolved: boolean) {
  if (a.kind === 'test' || a.kind === 'resolved') return [];
  const silence = h('button', { type: 'button', class: 'small-button' }, 'Silence 1 h');
  silence.setAttribute('aria-label', `Silence ${a.resourceId} ${a.metric} for one hour`);
  // Not awaited (a click listener returns nothing): `run` catches every failure and shows it in `note`.
  silence.addEventListener(
    'click',
    () =>
      void run(silence, note, `Silenced ${a.resourceId} for 1 h.`, () =>
        gatewayApi.silence({
          resource: a.resourceId,
          metric: a.metric,
          durationMin: SILENCE_MINUTES,
          comment: 'silenced from the dashboard',
          createdBy: 'dashboard',
        }),
      ),
  );
  if (!a.episodeId) return [silence];
  const episodeId = a.episodeId;
  const acked = a.ackedBy !== null;
  const ack = h(
    'button',
    { type: 'button', class: 'small-button ack-button', disabled: acked || resolved },
    ackLabel(acked, resolved),
  );
  ack.setAttribute('aria-label', `Acknowledge the ${a.resourceId} ${a.metric} episode`);
  if (resolved && !acked) ack.title = 'The episode has resolved: nothing left to acknowledge';
  ack.addEventListener(
    'click',
    () =>
      void run(ack, note, `Acknowledged; no re-notification until ${a.resourceId} resolves.`, async () => {
        const { ack: recorded } = await gatewayApi.acknowledge(episodeId, {
          ackedBy: 'dashboard',
          comment: 'acknowledged from the dashboard',
        });
        store.acknowledged(recorded);
      }),
  );
  return [ack, silence];
}

const ackLabel = (acked: boolean, resolved: boolean) => {
  if (acked) return 'Acknowledged';
  return resolved ? 'Resolved' : 'Acknowledge';
};

async function run(button: HTMLButtonElement, note: HTMLElement, done: string, action: () => Promise<unknown>) {
  button.disabled = true;
  try {
    await action();
    replaceChildren(note, done);
  } catch (error) {
    button.disabled = false;
    replaceChildren(note, h('span', { class: 'error' }, (error as Error).message));
  }
}
