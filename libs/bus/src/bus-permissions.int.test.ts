import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUS_USERS, busNames, busPermissions } from '@autoscale/contracts';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { natsAuthorization } from './nats-authorization';
import { natsConnectOptions } from './nats-options';
import { ensureBus } from './provision';
import { startNatsServer } from './testing/nats-server.process';
import type { TestNatsServer } from './testing/nats-server.process';

const names = busNames('', 4);
const password = (user: string) => `${user}-password-0123456789abcdef`;

describe('the NATS server with the generated permissions', () => {
  let server: TestNatsServer;
  const connections: NatsConnection[] = [];
  const as = async (user: string) => {
    const nc = await connect({
      ...natsConnectOptions(server.url, { NATS_USER: user, NATS_PASSWORD: password(user) }),
      timeout: 2_000,
    });
    connections.push(nc);
    return nc;
  };

  beforeAll(async () => {
    server = await startNatsServer({
      config: (dir) => {
        const file = join(dir, 'authorization.conf');
        writeFileSync(
          file,
          natsAuthorization(busPermissions(names), (user) => ({ value: password(user) })),
        );
        return file;
      },
    });
    // Provisioning is a right every service has: the gateway creates the streams here.
    await ensureBus(await as('api-gateway'), names, { replicas: 1 });
  });

  afterAll(async () => {
    await Promise.all(connections.map((nc) => nc.close()));
    await server?.dispose();
  });

  it('refuses a user with a wrong password', async () => {
    await expect(
      connect({ servers: server.url, user: 'collector', pass: 'wrong-password-0123456789', timeout: 2_000 }),
    ).rejects.toThrow(/authorization/i);
  });

  it('lets the collector publish samples, and refuses its forged alert.fired', async () => {
    const js = jetstream(await as('collector'));
    const sample = names.subjects.metricSampled('aws', 'i-0abc');
    expect((await js.publish(sample, '{}')).stream).toBe(names.streams.metrics);
    await expect(js.publish(names.subjects.alertFired('critical', 'i-0abc'), '{}', { timeout: 2_000 })).rejects.toThrow(
      /permission/i,
    );
    const alerts = await (await jetstreamManager(await as('alerter'))).streams.info(names.streams.alerts);
    expect(alerts.state.messages).toBe(0);
    // What the end-to-end test of the four services relies on to find a missing grant.
    expect(server.log()).toMatch(/Publish Violation - User "collector", Subject "alert\.fired\.critical/);
  });

  it('refuses the gateway deleting or purging a stream, and publishing an alert', async () => {
    const nc = await as('api-gateway');
    const jsm = await jetstreamManager(nc);
    await expect(jsm.streams.delete(names.streams.alerts)).rejects.toThrow(/permission/i);
    await expect(jsm.streams.purge(names.streams.metrics)).rejects.toThrow(/permission/i);
    await expect(
      jetstream(nc).publish(names.subjects.alertFired('critical', 'x'), '{}', { timeout: 2_000 }),
    ).rejects.toThrow(/permission/i);
    expect((await jsm.streams.info(names.streams.alerts)).config.name).toBe(names.streams.alerts);
  });

  it("refuses one service reading another's replies", async () => {
    const nc = await as('collector');
    const sub = nc.subscribe('_INBOX_api-gateway.>');
    // nats.js ends a refused subscription with the server's error.
    expect(String(await sub.closed)).toMatch(/permission/i);
  });

  it('has a grant for every service', () => {
    expect(Object.keys(busPermissions(names)).sort()).toEqual([...BUS_USERS].sort());
  });
});
