import { describe, expect, it } from 'vitest';
import { redactSecrets, redactValue } from './redact';

describe('redactSecrets', () => {
  it('hides the password of a URL and keeps the user, host and path', () => {
    expect(redactSecrets('NATS at nats://app:s3cret@nats-1:4222,nats://app:s3cret@nats-2:4222')).toBe(
      'NATS at nats://app:***@nats-1:4222,nats://app:***@nats-2:4222',
    );
    expect(redactSecrets('postgres://autoscale:pa%40ss@db:5432/autoscale')).toBe(
      'postgres://autoscale:***@db:5432/autoscale',
    );
  });

  it('hides a NATS token given as the user part of the URL', () => {
    expect(redactSecrets('connecting to nats://t0kenvalue@nats:4222')).toBe('connecting to nats://***@nats:4222');
  });

  it('hides secret parameters of a query or connection string', () => {
    expect(redactSecrets('postgres://db/x?sslmode=require&password=hunter2&sslpassword=k')).toBe(
      'postgres://db/x?sslmode=require&password=***&sslpassword=***',
    );
    expect(redactSecrets('host=db user=app password=hunter2 dbname=x')).toBe('host=db user=app password=*** dbname=x');
  });

  it('leaves a URL without credentials as it is', () => {
    expect(redactSecrets('postgres://postgres@127.0.0.1:5432/autoscale')).toBe(
      'postgres://postgres@127.0.0.1:5432/autoscale',
    );
    expect(redactSecrets('http://127.0.0.1:8000/api/health')).toBe('http://127.0.0.1:8000/api/health');
  });
});

describe('redactValue', () => {
  it('replaces values under secret-looking keys whole', () => {
    expect(redactValue({ NATS_TOKEN: 'abc', SMTP_PASS: 'x', nested: { authorization: 'Bearer y' }, ok: true })).toEqual(
      {
        NATS_TOKEN: '***',
        SMTP_PASS: '***',
        nested: { authorization: '***' },
        ok: true,
      },
    );
  });

  it('turns an error into a plain object whose message, stack and cause are redacted', () => {
    const cause = new Error('connect ECONNREFUSED nats://u:secret1@h:4222');
    const error = new Error('failed for postgres://u:secret2@db/x', { cause });
    const out = JSON.stringify(redactValue({ err: error }));
    expect(out).not.toMatch(/secret1|secret2/);
    expect(out).toMatch(/failed for postgres:\/\/u:\*\*\*@db\/x/);
  });
});
