import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  alertEnv,
  channelEnv,
  commonEnv,
  databaseEnv,
  emailConfigured,
  pollEnv,
  pollIntervalMs,
  thresholdEnv,
} from './common-env';
import { ConfigError, parseConfig } from './load-config';

const ServiceEnv = z.object({
  ...commonEnv,
  ...thresholdEnv,
  ...pollEnv,
  ...databaseEnv,
  ...alertEnv,
  ...channelEnv,
});

const parse = (env: Record<string, string | undefined>) => parseConfig(ServiceEnv, env);

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parse(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('the shared environment variables', () => {
  it('default to the documented values when nothing is set', () => {
    expect(parse({})).toEqual({
      NATS_URL: 'nats://127.0.0.1:4222',
      LOG_LEVEL: 'info',
      AUTOSCALE_DEMO: false,
      BUS_NAMESPACE: '',
      STREAM_REPLICAS: 1,
      FORECASTER_PARTITIONS: 8,
      MAX_CLOCK_SKEW_SEC: 300,
      THRESHOLD_CPU: 90,
      THRESHOLD_MEM: 90,
      POLL_INTERVAL_MINUTES: 5,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/autoscale',
      ALERT_LOOKAHEAD_MIN: 60,
      ALERT_RENOTIFY_MIN: 240,
      SMTP_PORT: 587,
      SMTP_FROM: 'autoscale@localhost',
      SMTP_SECURE: false,
    });
  });

  it('coerce numeric variables from their string form', () => {
    const config = parse({ THRESHOLD_CPU: '75.5', SMTP_PORT: '465', POLL_INTERVAL_MINUTES: '1' });
    expect(config.THRESHOLD_CPU).toBe(75.5);
    expect(config.SMTP_PORT).toBe(465);
    expect(config.POLL_INTERVAL_MINUTES).toBe(1);
  });

  it.each([
    ['THRESHOLD_CPU', '0'],
    ['THRESHOLD_CPU', '101'],
    ['THRESHOLD_MEM', 'ninety'],
    ['POLL_INTERVAL_MINUTES', '-5'],
    ['POLL_INTERVAL_SECONDS', '0'],
    ['ALERT_LOOKAHEAD_MIN', '0'],
    ['SMTP_PORT', '70000'],
    ['SMTP_PORT', '25.5'],
    ['LOG_LEVEL', 'verbose'],
    ['BUS_NAMESPACE', 'Test-NS'],
    ['STREAM_REPLICAS', '0'],
    ['STREAM_REPLICAS', '2.5'],
    ['FORECASTER_PARTITIONS', '0'],
    ['FORECASTER_PARTITIONS', '257'],
    ['FORECASTER_PARTITIONS', '2.5'],
    ['SLACK_WEBHOOK_URL', 'hooks.slack.com/x'],
  ])('reject %s=%s, naming the variable', (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });
});

describe('DATABASE_URL', () => {
  it('accepts postgres:// and postgresql:// URLs', () => {
    expect(parse({ DATABASE_URL: 'postgres://u@db:5432/x' }).DATABASE_URL).toBe('postgres://u@db:5432/x');
    expect(parse({ DATABASE_URL: 'postgresql://u@db/x' }).DATABASE_URL).toBe('postgresql://u@db/x');
  });

  it.each(['mysql://u@db/x', 'db:5432/x', 'http://postgres/x'])('rejects %s with a message naming it', (url) => {
    expect(problemsOf({ DATABASE_URL: url })).toEqual(['DATABASE_URL: must be a postgres:// URL']);
  });
});

describe('SMTP_SECURE', () => {
  it.each([
    ['false', false],
    ['0', false],
    ['no', false],
    ['true', true],
    ['1', true],
    ['yes', true],
  ])('reads %j as %s', (value, expected) => {
    expect(parse({ SMTP_SECURE: value }).SMTP_SECURE).toBe(expected);
  });

  it('rejects a value that is not a boolean word, naming the variable', () => {
    expect(problemsOf({ SMTP_SECURE: 'maybe' })).toEqual([expect.stringMatching(/^SMTP_SECURE: /)]);
  });
});

describe('pollIntervalMs', () => {
  it('uses POLL_INTERVAL_MINUTES when no seconds are set', () => {
    expect(pollIntervalMs(parse({}))).toBe(5 * 60_000);
    expect(pollIntervalMs(parse({ POLL_INTERVAL_MINUTES: '2' }))).toBe(120_000);
  });

  it('lets POLL_INTERVAL_SECONDS override the minutes', () => {
    expect(pollIntervalMs(parse({ POLL_INTERVAL_MINUTES: '10', POLL_INTERVAL_SECONDS: '3' }))).toBe(3_000);
  });

  it('accepts fractions of a minute', () => {
    expect(pollIntervalMs(parse({ POLL_INTERVAL_MINUTES: '0.5' }))).toBe(30_000);
  });
});

describe('emailConfigured', () => {
  it('is on only when both SMTP_HOST and SMTP_TO are set', () => {
    expect(emailConfigured(parse({}))).toBe(false);
    expect(emailConfigured(parse({ SMTP_HOST: 'smtp.test' }))).toBe(false);
    expect(emailConfigured(parse({ SMTP_TO: 'ops@x.test' }))).toBe(false);
    expect(emailConfigured(parse({ SMTP_HOST: 'smtp.test', SMTP_TO: 'ops@x.test' }))).toBe(true);
  });

  it('is off when SMTP_HOST is set to an empty string', () => {
    expect(emailConfigured(parse({ SMTP_HOST: '', SMTP_TO: 'ops@x.test' }))).toBe(false);
  });
});

describe('NATS security variables', () => {
  it('are optional and refuse a NATS_NKEY_SEED that is not a user seed', () => {
    expect(parse({ NATS_TOKEN: 'tok', NATS_TLS_CA: '/etc/ca.pem' })).toMatchObject({
      NATS_TOKEN: 'tok',
      NATS_TLS_CA: '/etc/ca.pem',
    });
    expect(problemsOf({ NATS_NKEY_SEED: 'not-a-seed' }).join('\n')).toMatch(/NATS_NKEY_SEED/);
    expect(problemsOf({ MAX_CLOCK_SKEW_SEC: '-1' }).join('\n')).toMatch(/MAX_CLOCK_SKEW_SEC/);
  });
});
