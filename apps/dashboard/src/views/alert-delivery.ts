import type { SuppressedReason } from '@autoscale/contracts';
import type { Alert } from '@autoscale/http-contract';
import { h } from '../dom';

/** Why a notification was decided and recorded but never sent, in words. */
const NOT_SENT_REASON: Record<SuppressedReason, string> = {
  stale: 'its forecast was already old when decided (backfill or backlog)',
  silenced: 'silenced',
  acknowledged: 'its episode was acknowledged',
};

/** Each channel's delivery, or "not sent" with the reason when it was never to be sent. */
export function deliveryCell(a: Alert) {
  if (a.status === 'suppressed' || a.status === 'silenced') {
    const reason = NOT_SENT_REASON[a.suppressed ?? 'silenced'];
    return h('span', { class: 'delivery not-sent' }, h('strong', {}, 'not sent'), `: ${reason}`);
  }
  if (a.deliveries.length === 0) return h('span', { class: 'muted' }, 'no channel');
  return h(
    'ul',
    { class: 'deliveries' },
    ...a.deliveries.map((d) => {
      const status = d.status ?? (d.ok ? 'delivered' : 'failed');
      return h(
        'li',
        { class: `delivery ${status}`, title: d.error ?? '' },
        `${d.channel}: ${status}`,
        d.attempts && d.attempts > 1 ? ` (${d.attempts} tries)` : null,
        d.error && status === 'failed' ? h('span', { class: 'sr-only' }, ` ${d.error}`) : null,
      );
    }),
  );
}
