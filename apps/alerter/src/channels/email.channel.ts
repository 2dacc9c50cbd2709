import nodemailer from 'nodemailer';
import { emailMessage } from '../messages/email.message';
import { DeliveryError } from './channel';
import type { AlertDraft, Channel } from './channel';

export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user?: string | undefined;
  pass?: string | undefined;
  from: string;
  to: string;
  publicUrl?: string | undefined;
};

/**
 * Sends each alert as a text + HTML e-mail over a pooled SMTP transport (connections are
 * reused across alerts), with timeouts. SMTP 4xx replies (greylisting, mailbox busy) and
 * network errors are retryable; 5xx are final.
 */
export function createEmailChannel(smtp: SmtpSettings): Channel {
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    name: 'email',
    async send(alert: AlertDraft) {
      const content = emailMessage(alert, smtp.publicUrl);
      try {
        await transport.sendMail({
          from: smtp.from,
          to: smtp.to,
          ...content,
          // Lets mail rules (and tests) match an alert without decoding the body.
          headers: { 'X-Autoscale-Alert-Id': alert.id, 'X-Autoscale-Alert-Kind': alert.kind },
        });
      } catch (error) {
        const code = (error as { responseCode?: unknown }).responseCode;
        const message = error instanceof Error ? error.message : String(error);
        throw new DeliveryError(`SMTP: ${message}`, typeof code === 'number' && code >= 500);
      }
    },
    close: () => transport.close(),
  };
}
