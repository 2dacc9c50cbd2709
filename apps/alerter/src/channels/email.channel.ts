import nodemailer from 'nodemailer';
import type { AlertDraft, Channel } from './channel';

export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user?: string | undefined;
  pass?: string | undefined;
  from: string;
  to: string;
};

/** Sends each alert as a plain-text e-mail through the configured SMTP server. */
export function createEmailChannel(smtp: SmtpSettings): Channel {
  const transport = nodemailer.createTransport({
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
      await transport.sendMail({
        from: smtp.from,
        to: smtp.to,
        subject: `[AutoScale CIRM] ${alert.severity.toUpperCase()} ${alert.resourceId} ${alert.metric}: ${alert.kind}`,
        text: `${alert.message}\n\nalert id: ${alert.id}\nfired at: ${alert.firedAt}\n`,
        // Lets mail rules (and tests) match an alert without decoding the body.
        headers: { 'X-Autoscale-Alert-Id': alert.id, 'X-Autoscale-Alert-Kind': alert.kind },
      });
    },
  };
}
