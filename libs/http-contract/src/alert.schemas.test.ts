import { describe, expect, it } from 'vitest';
import { AlertsResponse } from './alert.schemas';

const alert = {
  id: 'a-1',
  episodeId: 'web-1/cpu/2026-03-01T12:00:00.000Z',
  resourceId: 'web-1',
  metric: 'cpu',
  kind: 'breach',
  severity: 'critical',
  breachAt: null,
  message: 'web-1 cpu at 95 %',
  firedAt: '2026-03-01T12:00:05.000Z',
  forecastAt: '2026-03-01T12:00:00.000Z',
  current: 95,
  threshold: 90,
  model: 'holt',
  deliveries: [{ channel: 'slack', ok: true, status: 'delivered', attempts: 1, at: '2026-03-01T12:00:06.000Z' }],
  status: 'delivered',
  suppressed: null,
  ackedBy: 'alice',
  ackedAt: '2026-03-01T12:03:00.000Z',
  comment: 'on it',
};

describe('AlertsResponse', () => {
  it('reads an alert with the ack of its episode', () => {
    expect(AlertsResponse.parse({ alerts: [alert] }).alerts[0]).toMatchObject({ ackedBy: 'alice', comment: 'on it' });
  });

  it('reads an alert nobody acknowledged: the three ack fields are null, not absent', () => {
    const plain = { ...alert, ackedBy: null, ackedAt: null, comment: null };
    expect(AlertsResponse.parse({ alerts: [plain] }).alerts[0]?.ackedBy).toBeNull();
  });

  it('refuses an answer whose ack field was renamed, naming the missing field', () => {
    const { ackedBy, ...rest } = alert;
    const result = AlertsResponse.safeParse({ alerts: [{ ...rest, acknowledgedBy: ackedBy }] });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('alerts.0.ackedBy');
  });
});
