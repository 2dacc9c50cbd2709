import { signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@autoscale/webhook-signature';
import { webhookNotification } from '../messages/webhook.message';
import type { AlertDraft, Channel } from './channel';
import { postJson } from './http-answer';

export type WebhookSettings = {
  url: string;
  secret?: string | undefined;
  publicUrl?: string | undefined;
  now?: () => number;
};

/**
 * POSTs each notification as JSON with an `Idempotency-Key` (the same on every retry) and,
 * with a secret, `X-Autoscale-Timestamp` and `X-Autoscale-Signature` (HMAC-SHA256 of
 * `timestamp.body`, signed afresh on each attempt). Answers are read as Slack's are.
 */
export function createWebhookChannel(settings: WebhookSettings): Channel {
  return {
    name: 'webhook',
    async send(alert: AlertDraft) {
      const notification = webhookNotification(alert, settings.publicUrl);
      const body = JSON.stringify(notification);
      const headers: Record<string, string> = { 'idempotency-key': notification.idempotencyKey };
      if (settings.secret) {
        const timestamp = Math.floor((settings.now ?? Date.now)() / 1000);
        headers[WEBHOOK_TIMESTAMP_HEADER] = String(timestamp);
        headers[WEBHOOK_SIGNATURE_HEADER] = signWebhook(settings.secret, timestamp, body);
      }
      await postJson('Webhook', settings.url, body, headers);
    },
  };
}
