import type { AlertDraft } from '../channels/channel';
import { alertFacts, KIND_TITLE, resourceLink } from './alert-facts';

/**
 * A Slack Block Kit message: a header, the one-line summary, the facts as fields and a
 * dashboard link when `publicUrl` is set. `text` is the fallback shown in notifications
 * and by clients without blocks.
 *
 * @example
 * await fetch(webhook, { method: 'POST', body: JSON.stringify(slackMessage(alert, 'https://cirm.example')) });
 */
export function slackMessage(alert: AlertDraft, publicUrl?: string) {
  const link = resourceLink(alert, publicUrl);
  const fields = alertFacts(alert).map(([label, value]) => ({ type: 'mrkdwn', text: `*${label}*\n${value}` }));
  const blocks: unknown[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: `${KIND_TITLE[alert.kind]}: ${alert.resourceId}`.slice(0, 150) },
    },
    { type: 'section', text: { type: 'mrkdwn', text: alert.message } },
    // Slack allows at most 10 fields per section.
    { type: 'section', fields: fields.slice(0, 10) },
  ];
  if (link)
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in dashboard' }, url: link }],
    });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `alert ${alert.id}` }] });
  return { text: alert.message, blocks };
}
