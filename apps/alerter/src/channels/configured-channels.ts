import { emailConfigured } from '@autoscale/config';
import type { Counters, Logger } from '@autoscale/observability';
import type { AlerterConfig } from '../config';
import { createAlertmanagerChannel } from './alertmanager.channel';
import type { AlertDraft, Channel } from './channel';
import { createEmailChannel } from './email.channel';
import { createPagerDutyChannel } from './pagerduty.channel';
import { createSlackChannel } from './slack.channel';
import { createWebhookChannel } from './webhook.channel';

export type ChannelDeps = {
  log: Logger;
  counters: Counters;
  /** The newest notification of each open episode routed to Alertmanager (it re-sends them). */
  openAlerts: () => Promise<readonly AlertDraft[]>;
};

/** The channels whose variables are set; none is fine (alerts are still recorded). */
export function configuredChannels(config: AlerterConfig, deps: ChannelDeps): Channel[] {
  const channels: Channel[] = [];
  const publicUrl = config.PUBLIC_URL;
  if (config.SLACK_WEBHOOK_URL) channels.push(createSlackChannel(config.SLACK_WEBHOOK_URL, publicUrl));
  if (emailConfigured(config)) {
    channels.push(
      createEmailChannel({
        host: config.SMTP_HOST!,
        port: config.SMTP_PORT,
        secure: config.SMTP_SECURE,
        user: config.SMTP_USER,
        pass: config.SMTP_PASS,
        from: config.SMTP_FROM,
        to: config.SMTP_TO!,
        publicUrl,
      }),
    );
  }
  if (config.ALERTMANAGER_URL && config.ALERTMANAGER_URL.length > 0) {
    channels.push(
      createAlertmanagerChannel({
        urls: config.ALERTMANAGER_URL,
        resendMs: config.ALERTMANAGER_RESEND_SEC * 1000,
        publicUrl,
        ...deps,
      }),
    );
  }
  if (config.PAGERDUTY_ROUTING_KEY) {
    channels.push(
      createPagerDutyChannel({
        routingKey: config.PAGERDUTY_ROUTING_KEY,
        eventsUrl: config.PAGERDUTY_EVENTS_URL,
        publicUrl,
      }),
    );
  }
  if (config.WEBHOOK_URL)
    channels.push(createWebhookChannel({ url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET, publicUrl }));
  return channels;
}
