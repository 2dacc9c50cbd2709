import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { busNames } from '@autoscale/contracts';
import { natsConnectOptions } from '@autoscale/bus';
import { connectRawNats as connect, jetstream, jetstreamManager, startNatsCluster } from '@autoscale/bus/testing';
import type { JetStreamClient, JetStreamManager, NatsConnection } from '@autoscale/bus/testing';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { freePort, startSlackStandIn } from '@autoscale/testing';
import { startService, stopService } from './services';
import type { RunningService } from './services';

/** What production runs, scaled down: replicas of the forecaster and alerter share the partitions. */
export const CLUSTER_SERVICES = ['api-gateway', 'forecaster', 'forecaster', 'alerter', 'alerter', 'collector'] as const;

/** Short leases, so two TTLs (the stall threshold and the recovery target) are 16 s. */
export const LEASE_TTL_SEC = 8;

/**
 * The four built services (two forecasters, two alerters) on a three-node JetStream cluster
 * of the test's own with `STREAM_REPLICAS=3`, the simulator polled every second, Slack
 * stood in for by a local webhook that keeps every page.
 */
export async function startClusterSystem() {
  // For a post-mortem: CLUSTER_LOG_DIR=/tmp/x keeps every line of every service and server.
  const logDir = process.env['CLUSTER_LOG_DIR'];
  // nats-server exits at once when its log file's folder is missing.
  if (logDir) mkdirSync(logDir, { recursive: true });
  const cluster = await startNatsCluster(3, { logDir });
  const database = testDatabaseUrl();
  const slack = await startSlackStandIn();
  const port = await freePort();
  const namespace = 'cluster';
  const env: Record<string, string> = {
    NATS_URL: cluster.url,
    BUS_NAMESPACE: namespace,
    STREAM_REPLICAS: '3',
    FORECASTER_PARTITIONS: '4',
    PARTITION_LEASE_TTL_SEC: String(LEASE_TTL_SEC),
    DATABASE_URL: database.url,
    PORT: String(port),
    LOG_LEVEL: 'info',
    POLL_INTERVAL_SECONDS: '1',
    SIM_RESOURCES: '3',
    SIM_SEED: '11',
    BACKFILL_HOURS: '0.01',
    FORECAST_WINDOW_MIN: '0.5',
    ALERT_CLEAR_MIN: '0.15',
    ALERT_LOOKAHEAD_MIN: '5',
    THRESHOLD_CPU: '60',
    SLACK_WEBHOOK_URL: slack.url,
  };
  const services: RunningService[] = [];
  const start = (name: string) => {
    const service = startService(name, env);
    services.push(service);
    if (logDir) {
      const file = createWriteStream(join(logDir, `${name}-${service.child.pid}.log`));
      service.child.stdout?.pipe(file);
      service.child.stderr?.pipe(file);
    }
    return service;
  };
  for (const name of CLUSTER_SERVICES) start(name);

  const nc: NatsConnection = await connect({
    ...natsConnectOptions(cluster.url),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
  });
  const names = busNames(namespace, 4);
  const sql = postgres(database.url, { max: 2, onnotice: () => undefined });

  return {
    api: `http://127.0.0.1:${port}/api`,
    cluster,
    slack,
    names,
    services,
    start,
    sql,
    nc,
    js: (): JetStreamClient => jetstream(nc),
    // No account check: one more request, which times out while JetStream elects a leader.
    jsm: (): Promise<JetStreamManager> => jetstreamManager(nc, { checkAPI: false }),
    /** Stops the service (SIGTERM) and starts it again with the same environment. */
    async restart(service: RunningService) {
      await stopService(service);
      services.splice(services.indexOf(service), 1);
      return start(service.name);
    },
    async stop() {
      await Promise.all(services.map(stopService));
      await nc.close().catch(() => undefined);
      await sql.end({ timeout: 2 });
      await slack.close();
      await cluster.dispose();
      await database.drop();
    },
  };
}

export type ClusterSystem = Awaited<ReturnType<typeof startClusterSystem>>;
