import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@autoscale/observability';
import { connectNats } from './connect';
import { natsConnectOptions } from './nats-options';
import { startNatsServer } from './testing/index';
import type { TestNatsServer } from './testing/index';

const SECRET = 'pw-7f3a9c1e5b';
let server: TestNatsServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

function capture() {
  const lines: string[] = [];
  return { log: createLogger('test', 'debug', { write: (line: string) => void lines.push(line) }), lines };
}

describe('connectNats', () => {
  it('authenticates with the user and password of the URL and never logs the password, even while retrying', async () => {
    server = await startNatsServer({ args: ['--user', 'app', '--pass', SECRET] });
    await server.stop();
    const { log, lines } = capture();
    const url = `nats://app:${SECRET}@127.0.0.1:${server.port}`;

    const connecting = connectNats({ url, name: 'test', log });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await server.start();
    const nc = await connecting;

    expect(lines.some((l) => l.includes('unreachable, retrying'))).toBe(true);
    expect(lines.join('\n')).not.toContain(SECRET);
    expect(lines.join('\n')).toContain(`nats://app:***@127.0.0.1:${server.port}`);
    await nc.flush();
    await nc.close();
  });

  it('authenticates with NATS_TOKEN', async () => {
    server = await startNatsServer({ args: ['--auth', SECRET] });
    const { log, lines } = capture();
    const nc = await connectNats({ url: server.url, name: 'test', log, security: { NATS_TOKEN: SECRET } });
    await nc.flush();
    await nc.close();
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('is refused by a server that requires a password when none is given', async () => {
    server = await startNatsServer({ args: ['--user', 'app', '--pass', SECRET] });
    const { connect } = await import('@nats-io/transport-node');
    await expect(connect({ ...natsConnectOptions(server.url), reconnect: false })).rejects.toThrow();
  });
});

describe('natsConnectOptions', () => {
  it('moves credentials out of the server URLs', () => {
    expect(natsConnectOptions('nats://app:p%40ss@a:4222,nats://app:p%40ss@b:4222')).toMatchObject({
      servers: ['nats://a:4222', 'nats://b:4222'],
      user: 'app',
      pass: 'p@ss',
    });
    expect(natsConnectOptions('nats://tok123@a:4222')).toMatchObject({ servers: ['nats://a:4222'], token: 'tok123' });
  });

  it('asks for TLS when a CA or client certificate is configured', () => {
    expect(natsConnectOptions('nats://a:4222', { NATS_TLS_CA: '/ca.pem' }).tls).toEqual({ caFile: '/ca.pem' });
    expect(natsConnectOptions('nats://a:4222').tls).toBeUndefined();
  });
});
