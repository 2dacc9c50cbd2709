import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AlertFired, alertFiredMsgId } from './alert-fired.event';

const fired: AlertFired = {
  v: 1,
  id: 'web-01:cpu:2026-03-01T12:00:00.000Z',
  resourceId: 'web-01',
  metric: 'cpu',
  kind: 'forecast',
  severity: 'warning',
  breachAt: '2026-03-01T12:38:00.000Z',
  message: 'web-01 cpu forecast to reach 90% in 38 min',
  firedAt: '2026-03-01T12:00:05.000Z',
  deliveries: [
    { channel: 'slack', ok: true, at: '2026-03-01T12:00:05.100Z' },
    { channel: 'email', ok: false, error: 'connection refused', at: '2026-03-01T12:00:05.300Z' },
  ],
  episodeId: 'ep-1',
  current: 71.2,
  threshold: 90,
  model: 'holt',
  forecastAt: '2026-03-01T12:00:00.000Z',
};

function problems(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error ? z.prettifyError(result.error) : '';
}

describe('AlertFired', () => {
  it('accepts a fired alert with its delivery results', () => {
    expect(AlertFired.parse(fired)).toEqual(fired);
  });

  it('accepts a minimal test alert with no breach time and no deliveries', () => {
    const test = {
      v: 1,
      id: 'test-1',
      resourceId: 'test',
      metric: 'cpu',
      kind: 'test',
      severity: 'info',
      breachAt: null,
      message: 'test alert',
      firedAt: '2026-03-01T12:00:00Z',
      deliveries: [],
    };
    expect(AlertFired.safeParse(test).success).toBe(true);
  });

  it.each(['id', 'resourceId', 'metric', 'kind', 'severity', 'breachAt', 'message', 'firedAt', 'deliveries'] as const)(
    'rejects an alert without %s, naming it',
    (field) => {
      const { [field]: _dropped, ...rest } = fired;
      expect(problems(AlertFired, rest)).toContain(`at ${field}`);
    },
  );

  it('rejects an unknown kind, severity or delivery channel, naming the field', () => {
    expect(problems(AlertFired, { ...fired, kind: 'panic' })).toContain('at kind');
    expect(problems(AlertFired, { ...fired, severity: 'fatal' })).toContain('at severity');
    const badDelivery = { ...fired, deliveries: [{ channel: 'pager', ok: true, at: fired.firedAt }] };
    expect(problems(AlertFired, badDelivery)).toContain('deliveries[0].channel');
  });
});

describe('alertFiredMsgId', () => {
  it('is the alert id plus kind, so a breach notice is not deduplicated against its forecast notice', () => {
    expect(alertFiredMsgId(fired)).toBe(`${fired.id}:forecast`);
    expect(alertFiredMsgId({ ...fired, kind: 'breach' })).not.toBe(alertFiredMsgId(fired));
  });

  it('ignores everything but id and kind, so a redelivered alert keeps its dedupe id', () => {
    const redelivered: AlertFired = { ...fired, firedAt: '2026-03-01T13:00:00Z', deliveries: [] };
    expect(alertFiredMsgId(redelivered)).toBe(alertFiredMsgId(fired));
  });
});
