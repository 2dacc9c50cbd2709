import type { Alert } from '../alert.schemas';

/**
 * An alert as `/api/alerts` lists it: a delivered critical breach of web-1 cpu whose episode
 * alice acknowledged; `overrides` change any field.
 *
 * @example
 * const plain = anAlert({ ackedBy: null, ackedAt: null, comment: null });
 */
export const anAlert = (overrides: Partial<Alert> = {}): Alert => ({
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
  ...overrides,
});
