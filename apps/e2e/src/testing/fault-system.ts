import { jetstream, jetstreamManager } from '@autoscale/bus/testing';
import type { JetStreamClient, JetStreamManager } from '@autoscale/bus/testing';
import { connectRawNats as connect } from '@autoscale/bus/testing';
import type { NatsConnection } from '@autoscale/bus/testing';
import postgres from 'postgres';
import { busNames } from '@autoscale/contracts';
import { natsConnectOptions } from '@autoscale/bus';
import { startNatsServer } from '@autoscale/bus/testing';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { freePort, tcpProxy } from '@autoscale/testing';
import { startService, stopService } from './services';
import type { RunningService } from './services';

/** Values that must never leave the process that holds them: grepped in logs, responses, events. */
export const SECRETS = {
  nats: 'nats-pw-3b71e0c9d2',
  postgres: 'pg-pw-91d5c77a04',
  apiToken: 'api-token-6f02ab1e88-d41c7a9e3b',
  smtp: 'smtp-pw-c4e9017d3f',
} as const;

export const SERVICES = ['api-gateway', 'forecaster', 'alerter', 'collector'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * The four built services against a NATS server of the test's own (password auth, its own
 * store, stoppable) and PostgreSQL behind a TCP proxy (cuttable), with the simulator as
 * the known source of samples. Every output line of every service is kept for the secrets
 * grep.
 */
export async function startFaultSystem() {
  const nats = await startNatsServer({ args: ['--user', 'app', '--pass', SECRETS.nats] });
  const database = testDatabaseUrl();
  const pgTarget = new URL(database.url);
  const proxyPort = await freePort();
  const proxy = tcpProxy(proxyPort, { host: pgTarget.hostname, port: Number(pgTarget.port || 5432) });
  await proxy.start();
  const viaProxy = new URL(database.url);
  viaProxy.port = String(proxyPort);
  viaProxy.username = viaProxy.username || 'postgres';
  viaProxy.password = SECRETS.postgres;
  const port = await freePort();
  const natsUrl = `nats://app:${SECRETS.nats}@127.0.0.1:${nats.port}`;
  const namespace = 'faults';
  const env: Record<string, string> = {
    NATS_URL: natsUrl,
    BUS_NAMESPACE: namespace,
    DATABASE_URL: viaProxy.toString(),
    PORT: String(port),
    LOG_LEVEL: 'info',
    POLL_INTERVAL_SECONDS: '1',
    SIM_RESOURCES: '3',
    SIM_SEED: '11',
    BACKFILL_HOURS: '0.01',
    FORECAST_WINDOW_MIN: '0.5',
    ALERT_CLEAR_MIN: '0.15',
    API_TOKEN: SECRETS.apiToken,
    SMTP_USER: 'alerts',
    SMTP_PASS: SECRETS.smtp,
  };
  const logs: string[] = [];
  const services = new Map<ServiceName, RunningService>();
  const start = (name: ServiceName) => {
    const service = startService(name, env);
    service.child.stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    service.child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    services.set(name, service);
    return service;
  };
  for (const name of SERVICES) start(name);

  let nc: NatsConnection = await connect({
    ...natsConnectOptions(natsUrl),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
  });
  const names = busNames(namespace);
  const sql = postgres(database.url, { max: 2, onnotice: () => undefined });

  return {
    api: `http://127.0.0.1:${port}/api`,
    env,
    names,
    nats,
    proxy,
    logs,
    services,
    start,
    sql,
    get nc() {
      return nc;
    },
    js: (): JetStreamClient => jetstream(nc),
    jsm: (): Promise<JetStreamManager> => jetstreamManager(nc),
    /** Reconnects the test's own client (after NATS came back it reconnects by itself too). */
    async reconnect() {
      await nc.close().catch(() => undefined);
      nc = await connect({ ...natsConnectOptions(natsUrl), maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    },
    async stop() {
      await Promise.all([...services.values()].map(stopService));
      await nc.close().catch(() => undefined);
      await sql.end({ timeout: 2 });
      await proxy.close();
      await nats.dispose();
      await database.drop();
    },
  };
}

export type FaultSystem = Awaited<ReturnType<typeof startFaultSystem>>;
