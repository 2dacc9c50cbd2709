import { z } from 'zod';
import { AlertFired } from './alert-fired.event';
import { Identifier } from './limits';

/**
 * The JSON body of a generic webhook (`WEBHOOK_URL`): one notification, flat, as a receiver
 * reads it. Signed per `@autoscale/webhook-signature` (`X-Autoscale-Signature`), sent with
 * an `Idempotency-Key` header equal to `idempotencyKey`: retries of one notification carry
 * the same key, so a receiver that saw it already can answer 2xx and do nothing.
 * Wire format: receivers parse it; additive changes only within `v: 1`.
 *
 * @example
 * const body = WebhookNotification.parse(JSON.parse(rawBody));
 */
export const WebhookNotification = AlertFired.pick({
  v: true,
  id: true,
  kind: true,
  severity: true,
  resourceId: true,
  metric: true,
  message: true,
  breachAt: true,
  breachWindow: true,
  current: true,
  threshold: true,
  model: true,
  episodeId: true,
  firedAt: true,
  forecastAt: true,
  labels: true,
}).extend({
  /** Same for every retry of one notification; also the `Idempotency-Key` header. */
  idempotencyKey: Identifier,
  /** The resource's dashboard page, when the alerter knows the dashboard's address (`PUBLIC_URL`). */
  link: z.url().optional(),
});
export type WebhookNotification = z.infer<typeof WebhookNotification>;
