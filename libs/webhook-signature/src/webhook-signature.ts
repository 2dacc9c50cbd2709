import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Header carrying the signature of a webhook body. WARNING: receivers verify by this name;
 * renaming it breaks every receiver already deployed.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Autoscale-Signature';
/** Header carrying the Unix time (seconds) the signature covers. WARNING: wire name, as above. */
export const WEBHOOK_TIMESTAMP_HEADER = 'X-Autoscale-Timestamp';

/**
 * Signs a webhook body: `v1=` + hex HMAC-SHA256(secret, `${timestampSec}.${body}`). The
 * timestamp is inside the signed text so a captured request cannot be replayed later.
 *
 * @example
 * const ts = Math.floor(Date.now() / 1000);
 * headers[WEBHOOK_SIGNATURE_HEADER] = signWebhook(secret, ts, body); // 'v1=5d41…'
 */
export function signWebhook(secret: string, timestampSec: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex')}`;
}

export type VerifyWebhookInput = {
  secret: string;
  timestampSec: number;
  body: string;
  signature: string;
  nowSec: number;
  /** How far the timestamp may be from `nowSec`, either way. */
  toleranceSec?: number;
};

/**
 * Whether a webhook request is authentic and fresh: the signature matches (constant-time
 * compare) and the timestamp lies within `toleranceSec` (default 300) of `nowSec`.
 *
 * @example
 * verifyWebhook({ secret, timestampSec: Number(req.headers['x-autoscale-timestamp']), body,
 *   signature: req.headers['x-autoscale-signature'], nowSec: Math.floor(Date.now() / 1000) });
 */
export function verifyWebhook({ secret, timestampSec, body, signature, nowSec, toleranceSec = 300 }: VerifyWebhookInput): boolean {
  if (!Number.isFinite(timestampSec) || Math.abs(nowSec - timestampSec) > toleranceSec) return false;
  const expected = Buffer.from(signWebhook(secret, timestampSec, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
