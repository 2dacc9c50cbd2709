import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('signWebhook', () => {
  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', 's3cret').update('1700000000.{"a":1}').digest('hex');
    expect(signWebhook('s3cret', 1_700_000_000, '{"a":1}')).toBe(`v1=${expected}`);
  });
});

describe('verifyWebhook', () => {
  const body = '{"target":"web","desiredReplicas":7}';
  const signed = { secret: 'k', timestampSec: 1_000, body, signature: signWebhook('k', 1_000, body) };

  it('accepts a request signed with the secret within the tolerance', () => {
    expect(verifyWebhook({ ...signed, nowSec: 1_200 })).toBe(true);
  });

  it('refuses another secret, a changed body, or a changed timestamp', () => {
    expect(verifyWebhook({ ...signed, secret: 'other', nowSec: 1_000 })).toBe(false);
    expect(verifyWebhook({ ...signed, body: body.replace('7', '70'), nowSec: 1_000 })).toBe(false);
    expect(verifyWebhook({ ...signed, timestampSec: 1_001, nowSec: 1_000 })).toBe(false);
  });

  it('refuses a replay older than the tolerance, and a signature of another length', () => {
    expect(verifyWebhook({ ...signed, nowSec: 1_301 })).toBe(false);
    expect(verifyWebhook({ ...signed, nowSec: 1_100, toleranceSec: 50 })).toBe(false);
    expect(verifyWebhook({ ...signed, signature: 'v1=ab', nowSec: 1_000 })).toBe(false);
  });
});
