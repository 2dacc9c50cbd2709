import { describe, expect, it } from 'vitest';
import type { AlertDraft } from '../channels/channel';
import { emailMessage } from './email.message';
import { slackMessage } from './slack.message';

const alert: AlertDraft = {
  v: 1,
  id: 'db-1/cpu/2026-03-01T12:00:00.000Z',
  episodeId: 'db-1/cpu/2026-03-01T11:55:00.000Z',
  resourceId: 'db-1',
  metric: 'cpu',
  kind: 'forecast',
  severity: 'warning',
  breachAt: '2026-03-01T12:40:00.000Z',
  breachWindow: { earliest: '2026-03-01T12:25:00.000Z', latest: '2026-03-01T13:05:00.000Z' },
  forecastAt: '2026-03-01T12:00:00.000Z',
  current: 71.24,
  threshold: 90,
  model: 'holt',
  firedAt: '2026-03-01T12:00:02.000Z',
  message: '⚠️ db-1: CPU is forecast to reach 90% in about 40 min',
};

describe('slackMessage', () => {
  it('carries the summary as fallback text and the facts, window and model as blocks', () => {
    const message = slackMessage(alert, 'https://cirm.example/');
    expect(message.text).toBe(alert.message);
    const json = JSON.stringify(message.blocks);
    for (const fact of [
      'db-1',
      'CPU',
      '71.2%',
      '2026-03-01T12:40:00.000Z',
      '2026-03-01T12:25:00.000Z – 2026-03-01T13:05:00.000Z',
      'holt',
    ]) {
      expect(json).toContain(fact);
    }
    expect(json).toContain('https://cirm.example/#/resource/db-1');
  });

  it('has no dashboard button without PUBLIC_URL', () => {
    expect(JSON.stringify(slackMessage(alert).blocks)).not.toContain('/#/resource/');
  });
});

describe('emailMessage', () => {
  it('names the resource, metric and when in the subject, with text and escaped HTML bodies', () => {
    const mail = emailMessage({ ...alert, resourceId: 'db-<1>' }, 'https://cirm.example');
    expect(mail.subject).toContain('db-<1> CPU');
    expect(mail.subject).toContain('2026-03-01T12:40:00.000Z');
    expect(mail.text).toContain('Breach window: 2026-03-01T12:25:00.000Z – 2026-03-01T13:05:00.000Z');
    expect(mail.html).toContain('db-&lt;1&gt;');
    expect(mail.html).toContain('https://cirm.example/#/resource/db-%3C1%3E');
  });
});
