import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './index';

const body = '{"kind":"breach","resourceId":"web-1"}';

describe('webhook signature', () => {
  it('is v1= and the hex HMAC-SHA256 of "timestamp.body", as a receiver computes it by hand', () => {
    const byHand = createHmac('sha256', 's3cret').update(`1700000000.${body}`).digest('hex');
    expect(signWebhook('s3cret', 1_700_000_000, body)).toBe(`v1=${byHand}`);
  });

  it('verifies its own signature within the tolerance', () => {
    const signature = signWebhook('s3cret', 1_700_000_000, body);
    expect(
      verifyWebhook({ secret: 's3cret', timestampSec: 1_700_000_000, body, signature, nowSec: 1_700_000_100 }),
    ).toBe(true);
  });

  it('refuses another secret, a changed body, a truncated signature and an old timestamp', () => {
    const signature = signWebhook('s3cret', 1_700_000_000, body);
    const base = { secret: 's3cret', timestampSec: 1_700_000_000, body, signature, nowSec: 1_700_000_000 };
    expect(verifyWebhook({ ...base, secret: 'other' })).toBe(false);
    expect(verifyWebhook({ ...base, body: body.replace('web-1', 'web-2') })).toBe(false);
    expect(verifyWebhook({ ...base, signature: signature.slice(0, -1) })).toBe(false);
    expect(verifyWebhook({ ...base, nowSec: 1_700_000_301 })).toBe(false);
    expect(verifyWebhook({ ...base, nowSec: 1_700_000_301, toleranceSec: 600 })).toBe(true);
  });
});
