import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AlertFired } from './alert-fired.event';
import { AlertTestReply, AlertTestRequest } from './alert-test.command';

const testAlert: AlertFired = {
  v: 1,
  id: 'test-2026-03-01T12:00:00.000Z',
  resourceId: 'test',
  metric: 'cpu',
  kind: 'test',
  severity: 'info',
  breachAt: null,
  message: 'Test alert from AutoScale CIRM',
  firedAt: '2026-03-01T12:00:00.000Z',
  deliveries: [{ channel: 'slack', ok: true, at: '2026-03-01T12:00:00.200Z' }],
  requestedBy: 'ops',
};

function problems(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error ? z.prettifyError(result.error) : '';
}

describe('AlertTestRequest', () => {
  const deadline = '2026-03-01T12:00:15.000Z';

  it('accepts a request with a deadline, naming who asked or not', () => {
    expect(AlertTestRequest.parse({ deadline })).toEqual({ deadline });
    expect(AlertTestRequest.parse({ requestedBy: 'ops', deadline })).toEqual({ requestedBy: 'ops', deadline });
  });

  it('rejects a request without a deadline, so no stray message sends a test alert', () => {
    expect(problems(AlertTestRequest, {})).toContain('at deadline');
  });

  it('rejects a requestedBy longer than 200 characters, naming it', () => {
    expect(problems(AlertTestRequest, { requestedBy: 'x'.repeat(201), deadline })).toContain('at requestedBy');
  });
});

describe('AlertTestReply', () => {
  it('accepts a reply carrying the alert', () => {
    const reply = AlertTestReply.parse({ alert: testAlert });
    expect('alert' in reply && reply.alert.kind).toBe('test');
  });

  it('accepts a reply carrying an error', () => {
    expect(AlertTestReply.parse({ error: 'no channel configured' })).toEqual({ error: 'no channel configured' });
  });

  it('rejects a reply whose alert breaks the AlertFired contract', () => {
    expect(AlertTestReply.safeParse({ alert: { ...testAlert, firedAt: 'now' } }).success).toBe(false);
    expect(AlertTestReply.safeParse({}).success).toBe(false);
  });
});
