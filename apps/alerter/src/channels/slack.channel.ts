import type { AlertDraft, Channel } from './channel';

const ATTEMPTS = 3;
const TIMEOUT_MS = 10_000;

/**
 * Posts `{text}` to a Slack incoming webhook. Retries network errors, 429 and 5xx twice
 * with a short backoff (Slack asks clients to retry those); a 4xx is final.
 */
export function createSlackChannel(webhookUrl: string): Channel {
  return {
    name: 'slack',
    async send(alert: AlertDraft) {
      let lastError: unknown;
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
          const response = await fetch(webhookUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ text: alert.message }),
            signal: AbortSignal.timeout(TIMEOUT_MS),
          });
          if (response.ok) return;
          const body = (await response.text()).slice(0, 200);
          lastError = new Error(`Slack webhook answered ${response.status}: ${body}`);
          if (response.status !== 429 && response.status < 500) break;
        } catch (error) {
          lastError = error;
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
      throw lastError;
    },
  };
}
