import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string[]; raw: string; header: (name: string) => string | undefined };

/** A local SMTP server (the `smtp-server` package) that accepts and keeps every message. */
export async function startSmtpStandIn() {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        const headerBlock = raw.split(/\r?\n\r?\n/)[0] ?? '';
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          header: (name) => headerBlock.match(new RegExp(`^${name}:\\s*(.+)$`, 'im'))?.[1]?.trim(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
