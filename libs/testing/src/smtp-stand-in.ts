import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string[]; raw: string; header: (name: string) => string | undefined };

/**
 * A local SMTP server (the `smtp-server` package) that accepts and keeps every message.
 * `script` holds SMTP reply codes for the first messages, in order (e.g. 451 then accept,
 * or 550); `attempts` counts every message offered, accepted or not.
 *
 * @example
 * const smtp = await startSmtpStandIn({ script: [451] }); // 451 once, then accepts
 */
export async function startSmtpStandIn(opts: { script?: number[] } = {}) {
  const mails: ReceivedMail[] = [];
  const script = [...(opts.script ?? [])];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        attempts++;
        const code = script.shift();
        if (code !== undefined) {
          callback(Object.assign(new Error(`scripted ${code}`), { responseCode: code }));
          return;
        }
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
  return {
    port,
    mails,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
