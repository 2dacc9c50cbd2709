import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const log = createLogger('test', 'debug', { write: (line: string) => void lines.push(line) });
  return { log, lines };
}

describe('createLogger', () => {
  it('never writes the password of a URL, in fields, messages or errors', () => {
    const { log, lines } = capture();
    const url = 'nats://app:hunter2-secret@nats:4222';
    log.warn({ server: url }, `NATS at ${url} unreachable`);
    log.error({ err: new Error(`connect failed: postgres://app:hunter2-secret@db/x`) }, 'query failed');
    log.info(`plain ${url}`);
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).not.toContain('hunter2-secret');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      server: 'nats://app:***@nats:4222',
      msg: 'NATS at nats://app:***@nats:4222 unreachable',
    });
  });

  it('keeps the error type, message and stack of a logged error', () => {
    const { log, lines } = capture();
    log.error({ err: new TypeError('bad input') }, 'failed');
    const line = JSON.parse(lines[0] ?? '{}') as { err: { type: string; message: string; stack: string } };
    expect(line.err.type).toBe('TypeError');
    expect(line.err.message).toBe('bad input');
    expect(line.err.stack).toMatch(/TypeError: bad input/);
  });

  it('hides values logged under secret-looking keys', () => {
    const { log, lines } = capture();
    log.info({ config: { NATS_TOKEN: 'tok-123456', SMTP_PASS: 'pw-98765', PORT: 8000 } }, 'config');
    expect(lines[0]).not.toMatch(/tok-123456|pw-98765/);
    expect(lines[0]).toContain('"PORT":8000');
  });
});
