import { afterAll, describe, expect, it } from 'vitest';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { eventually, freePort, getJson, tcpProxy } from '@autoscale/testing';
import { startService, stopService } from './testing/index';
import type { RunningService } from './testing/index';

const exitOf = (service: RunningService) =>
  new Promise<number | null>((resolve) => {
    if (service.child.exitCode !== null) return resolve(service.child.exitCode);
    service.child.once('exit', (code) => resolve(code));
  });

describe('starting a service', () => {
  it.each([
    ['collector', { POLL_INTERVAL_MINUTES: '-5' }, 'POLL_INTERVAL_MINUTES'],
    ['forecaster', { THRESHOLD_CPU: 'ninety' }, 'THRESHOLD_CPU'],
    ['alerter', { SMTP_PORT: '99999' }, 'SMTP_PORT'],
    ['api-gateway', { DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    // The secret template's placeholder, applied unchanged: refused, not a published token.
    ['api-gateway', { API_TOKEN: 'CHANGE-ME-to-a-long-random-token' }, 'API_TOKEN: holds a placeholder'],
    ['api-gateway', { API_TOKEN: 'short-but-8-chars' }, 'API_TOKEN: must be at least 24 characters'],
    [
      'alerter',
      { NATS_USER: 'alerter', NATS_PASSWORD: 'example-password-0123456789' },
      'NATS_PASSWORD: holds a placeholder',
    ],
  ])('%s stops at once with a message naming a bad variable', async (name, env, variable) => {
    const service = startService(name, { NATS_URL: 'nats://127.0.0.1:1', ...env });
    expect(await exitOf(service)).toBe(1);
    expect(service.output.join('')).toContain(variable);
  });

  describe('before NATS and PostgreSQL are reachable', () => {
    let bus: TestBus;
    const database = testDatabaseUrl();
    const services: RunningService[] = [];
    const proxies: Array<ReturnType<typeof tcpProxy>> = [];

    afterAll(async () => {
      await Promise.all(services.map(stopService));
      await Promise.all(proxies.map((p) => p.close()));
      await Promise.all([bus?.cleanup(), database.drop()]);
    });

    it('waits for them, says so in the log, starts once they come up, and health follows them down and up', async () => {
      bus = await createTestBus();
      const [natsPort, pgPort, httpPort] = await Promise.all([freePort(), freePort(), freePort()]);
      const natsProxy = tcpProxy(natsPort, { host: '127.0.0.1', port: Number(new URL(bus.url).port || 4222) });
      const pgProxy = tcpProxy(pgPort, { host: '127.0.0.1', port: Number(new URL(database.url).port || 5432) });
      proxies.push(natsProxy, pgProxy);
      const dbUrl = new URL(database.url);
      dbUrl.port = String(pgPort);
      const env = {
        NATS_URL: `nats://127.0.0.1:${natsPort}`,
        BUS_NAMESPACE: bus.namespace,
        DATABASE_URL: dbUrl.toString(),
        PORT: String(httpPort),
        LOG_LEVEL: 'info',
      };
      services.push(startService('api-gateway', env), startService('forecaster', env));
      const logs = (name: string) => services.find((s) => s.name === name)!.output.join('');

      await eventually(
        'retry messages',
        async () =>
          logs('api-gateway').includes('PostgreSQL unreachable, retrying') &&
          logs('forecaster').includes('unreachable, retrying')
            ? true
            : undefined,
        20_000,
      );
      expect(services.every((s) => s.child.exitCode === null)).toBe(true);

      await Promise.all([natsProxy.start(), pgProxy.start()]);
      const config = await eventually(
        'the gateway to answer',
        async () => {
          const res = await getJson<{ provider: string }>(`http://127.0.0.1:${httpPort}/api/config`);
          return res.status === 200 ? res.body : undefined;
        },
        60_000,
      );
      expect(config.provider).toBe('local');
      await eventually(
        'the forecaster to be ready',
        async () => (logs('forecaster').includes('forecaster ready') ? true : undefined),
        60_000,
      );

      // Then NATS and PostgreSQL go away: health says so promptly, and recovers when they return.
      type Health = { nats: { up: boolean }; postgres: { up: boolean } };
      const health = () => getJson<Health>(`http://127.0.0.1:${httpPort}/api/health`);
      await Promise.all([natsProxy.close(), pgProxy.close()]);
      const down = await eventually(
        'health to report both down',
        async () => {
          const res = await health();
          return !res.body.nats.up && !res.body.postgres.up ? res : undefined;
        },
        30_000,
      );
      expect(down.status).toBe(503);
      await Promise.all([natsProxy.start(), pgProxy.start()]);
      await eventually(
        'health to report both up again',
        async () => {
          const res = await health();
          return res.body.nats.up && res.body.postgres.up ? true : undefined;
        },
        60_000,
      );
    });
  });
});
