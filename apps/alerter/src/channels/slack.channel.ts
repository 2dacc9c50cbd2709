import { slackMessage } from '../messages/slack.message';
import type { AlertDraft, Channel } from './channel';
import { postJson } from './http-answer';

/**
 * Posts a Block Kit message (with a text fallback) to a Slack incoming webhook, once per
 * call: retrying is the delivery worker's job. 429 is retryable after its `Retry-After`,
 * 5xx and network errors are retryable, any other 4xx is final (the webhook is wrong or
 * revoked; retrying cannot help).
 */
export function createSlackChannel(webhookUrl: string, publicUrl?: string): Channel {
  return {
    name: 'slack',
    send: (alert: AlertDraft) => postJson('Slack webhook', webhookUrl, slackMessage(alert, publicUrl)),
  };
}
