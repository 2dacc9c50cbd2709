import type { AlertFired, Delivery } from './alert-fired.event';

/** An alert's overall status, as `/api/alerts` shows and filters it. */
export type AlertStatus = 'pending' | 'delivered' | 'failed' | 'suppressed' | 'silenced';
export const ALERT_STATUSES: readonly AlertStatus[] = ['pending', 'delivered', 'failed', 'suppressed', 'silenced'];

const channelStatus = (d: Delivery) => d.status ?? (d.ok ? 'delivered' : 'failed');

/**
 * Sums up an alert's deliveries: suppressed or silenced when it was never to be sent;
 * otherwise pending while a channel is still trying, failed when one gave up, delivered
 * when every channel got it (also when no channel is configured: it is recorded).
 *
 * @example
 * alertStatus({ deliveries: [{ channel: 'slack', ok: true, at }] }); // 'delivered'
 */
export function alertStatus(alert: Pick<AlertFired, 'deliveries' | 'suppressed'>): AlertStatus {
  if (alert.suppressed === 'silenced') return 'silenced';
  if (alert.suppressed) return 'suppressed';
  const statuses = alert.deliveries.map(channelStatus);
  if (statuses.some((s) => s === 'pending' || s === 'retrying')) return 'pending';
  if (statuses.some((s) => s === 'failed')) return 'failed';
  if (statuses.length > 0 && statuses.every((s) => s === 'silenced')) return 'silenced';
  return 'delivered';
}
