import { describe, expect, it } from 'vitest';
import type { AlertDeliveryUpdated } from './alert-delivery-updated.event';
import { AlertStreamEvent, alertDeliveryUpdatedMsgId } from './alert-delivery-updated.event';
import type { AlertFired } from './alert-fired.event';

const update: AlertDeliveryUpdated = {
  v: 1,
  alertKey: 'web-1/cpu/2026-03-01T12:00:00.000Z:breach',
  alertId: 'web-1/cpu/2026-03-01T12:00:00.000Z',
  channel: 'slack',
  status: 'retrying',
  attempts: 2,
  error: 'Slack webhook answered 429: rate_limited',
  at: '2026-03-01T12:00:05.000Z',
  retryAt: '2026-03-01T12:00:35.000Z',
};

const fired: AlertFired = {
  v: 1,
  id: 'web-1/cpu/2026-03-01T12:00:00.000Z',
  resourceId: 'web-1',
  metric: 'cpu',
  kind: 'breach',
  severity: 'critical',
  breachAt: null,
  message: 'web-1 at 95%',
  firedAt: '2026-03-01T12:00:01.000Z',
  deliveries: [{ channel: 'slack', ok: false, status: 'pending', attempts: 0, at: '2026-03-01T12:00:01.000Z' }],
};

describe('AlertStreamEvent', () => {
  it('reads a delivery update as an update and a notification as a notification', () => {
    expect('alertKey' in AlertStreamEvent.parse(update)).toBe(true);
    expect(AlertStreamEvent.parse(fired)).toEqual(fired);
  });

  it('refuses an update with an unknown status or channel', () => {
    expect(AlertStreamEvent.safeParse({ ...update, status: 'lost' }).success).toBe(false);
    expect(AlertStreamEvent.safeParse({ ...update, channel: 'pager' }).success).toBe(false);
  });
});

describe('alertDeliveryUpdatedMsgId', () => {
  it('differs per attempt and status, so every attempt is kept and a redelivered one is not', () => {
    const ids = new Set([
      alertDeliveryUpdatedMsgId(update),
      alertDeliveryUpdatedMsgId({ ...update, attempts: 3 }),
      alertDeliveryUpdatedMsgId({ ...update, status: 'delivered' }),
      alertDeliveryUpdatedMsgId({ ...update }),
    ]);
    expect(ids.size).toBe(3);
  });
});
