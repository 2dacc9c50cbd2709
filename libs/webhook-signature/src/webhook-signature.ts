import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Header carrying `v1=<hex HMAC-SHA256>` of `${timestamp}.${body}`. Wire names: receivers
 * verify against them, so renaming one breaks every receiver already deployed.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Autoscale-Signature';
/** Header carrying the signing time in Unix seconds (part of the signed text: replays age out). */
export const WEBHOOK_TIMESTAMP_HEADER = 'X-Autoscale-Timestamp';

const VERSION = 'v1=';

/**
 * The signature of one webhook request: `v1=` + hex HMAC-SHA256 keyed by `secret` over
 * `${timestampSec}.${body}`, `body` being the exact bytes sent (as a UTF-8 string).
 *
 * @example
 * signWebhook('s3cret', 1_700_000_000, '{"kind":"breach"}'); // 'v1=5b0c…' (64 hex digits)
 */
export function signWebhook(secret: string, timestampSec: number, body: string): string {
  return VERSION + createHmac('sha256', secret).update(`${timestampSec}.${body}`, 'utf8').digest('hex');
}

export type VerifyWebhookInput = {
  secret: string;
  timestampSec: number;
  body: string;
  signature: string;
  nowSec: number;
  /** How far the timestamp may lie from `nowSec`, either way (replay window). */
  toleranceSec?: number;
};

/**
 * Whether `signature` is what {@link signWebhook} makes for this body and timestamp, and the
 * timestamp lies within `toleranceSec` (default 300) of `nowSec`. Compared in constant time.
 *
 * @example
 * verifyWebhook({ secret: 's3cret', timestampSec: 1_700_000_000, body, signature: req.headers['x-autoscale-signature'], nowSec: Date.now() / 1000 }); // true
 */
export function verifyWebhook({
  secret,
  timestampSec,
  body,
  signature,
  nowSec,
  toleranceSec = 300,
}: VerifyWebhookInput): boolean {
  if (!Number.isFinite(timestampSec) || Math.abs(nowSec - timestampSec) > toleranceSec) return false;
  const expected = Buffer.from(signWebhook(secret, timestampSec, body), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
