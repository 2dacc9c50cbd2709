import { slackMessage } from '../messages/slack.message';
import { DeliveryError } from './channel';
import type { AlertDraft, Channel } from './channel';

const TIMEOUT_MS = 10_000;

/**
 * Posts a Block Kit message (with a text fallback) to a Slack incoming webhook, once per
 * call: retrying is the delivery worker's job. 429 is retryable after its `Retry-After`,
 * 5xx and network errors are retryable, any other 4xx is final (the webhook is wrong or
 * revoked; retrying cannot help).
 */
export function createSlackChannel(webhookUrl: string, publicUrl?: string): Channel {
  return {
    name: 'slack',
    async send(alert: AlertDraft) {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(slackMessage(alert, publicUrl)),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.ok) return;
      const body = (await response.text()).slice(0, 200);
      const message = `Slack webhook answered ${response.status}: ${body}`;
      if (response.status === 429) throw new DeliveryError(message, false, retryAfterMs(response.headers.get('retry-after')));
      throw new DeliveryError(message, response.status >= 400 && response.status < 500);
    },
  };
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
