import { emailConfigured } from '@autoscale/config';
import type { AlerterConfig } from '../config';
import type { Channel } from './channel';
import { createEmailChannel } from './email.channel';
import { createSlackChannel } from './slack.channel';

/** The channels whose variables are set; none is fine (alerts are still recorded). */
export function configuredChannels(config: AlerterConfig): Channel[] {
  const channels: Channel[] = [];
  if (config.SLACK_WEBHOOK_URL) channels.push(createSlackChannel(config.SLACK_WEBHOOK_URL, config.PUBLIC_URL));
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
        publicUrl: config.PUBLIC_URL,
      }),
    );
  }
  return channels;
}
