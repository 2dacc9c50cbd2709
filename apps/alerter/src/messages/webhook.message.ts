import { alertFiredMsgId } from '@autoscale/contracts';
import type { WebhookNotification } from '@autoscale/contracts';
import type { AlertDraft } from '../channels/channel';
import { resourceLink } from './alert-facts';

/**
 * The generic webhook's body (schema `WebhookNotification` in libs/contracts): the
 * notification's facts, flat, and an idempotency key that every retry repeats.
 *
 * @example
 * webhookNotification(alert, 'https://cirm.example'); // { v: 1, id, idempotencyKey: 'web-1/cpu/…:forecast', kind, … link }
 */
export function webhookNotification(alert: AlertDraft, publicUrl?: string): WebhookNotification {
  const link = resourceLink(alert, publicUrl);
  const optional = <K extends keyof AlertDraft>(key: K) => (alert[key] === undefined ? {} : { [key]: alert[key] });
  return {
    v: 1,
    id: alert.id,
    idempotencyKey: alertFiredMsgId(alert),
    kind: alert.kind,
    severity: alert.severity,
    resourceId: alert.resourceId,
    metric: alert.metric,
    message: alert.message,
    breachAt: alert.breachAt,
    firedAt: alert.firedAt,
    ...optional('breachWindow'),
    ...optional('current'),
    ...optional('threshold'),
    ...optional('model'),
    ...optional('episodeId'),
    ...optional('forecastAt'),
    ...optional('labels'),
    ...(link ? { link } : {}),
  };
}
