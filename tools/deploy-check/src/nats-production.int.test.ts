import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUS_USERS, busNames } from '@autoscale/contracts';
import { ensureBus, natsConnectOptions, passwordVariableOf } from '@autoscale/bus';
import { connectRawNats, jetstream, startNatsServer } from '@autoscale/bus/testing';
import type { NatsConnection, TestNatsServer } from '@autoscale/bus/testing';
import { renderKustomization } from './kustomize';
import { dataOf } from './pod-env';
import { generatedProductionSecrets } from './production-secrets';
import { ROOT } from './repo';

const objects = [...renderKustomization(join(ROOT, 'k8s', 'overlays', 'production')), ...generatedProductionSecrets()];
const data = (kind: string, name: string) => dataOf(objects.find((o) => o.kind === kind && o.metadata.name === name)!);
const passwords = data('Secret', 'nats-users');

/**
 * The production NATS configuration as rendered — TLS, the generated users, passwords from
 * the environment as the StatefulSet sets them — run by a real nats-server (one server: the
 * cluster block needs its peers), and the services' own connect options against it.
 */
describe('the production NATS configuration, run', () => {
  let server: TestNatsServer;
  let tlsDir: string;
  const connections: NatsConnection[] = [];
  const as = async (user: string) => {
    const nc = await connectRawNats({
      ...natsConnectOptions(`tls://127.0.0.1:${server.port}`, {
        NATS_USER: user,
        NATS_PASSWORD: passwords[user],
        NATS_TLS_CA: join(tlsDir, 'ca.crt'),
      }),
      timeout: 3_000,
    });
    connections.push(nc);
    return nc;
  };

  beforeAll(async () => {
    server = await startNatsServer({
      args: ['-m', '0'],
      env: {
        POD_NAME: 'nats-0',
        ...Object.fromEntries(BUS_USERS.map((s) => [passwordVariableOf(s), passwords[s] ?? ''])),
      },
      config: (dir) => {
        tlsDir = join(dir, 'nats-tls');
        mkdirSync(tlsDir);
        mkdirSync(join(dir, 'nats-auth'));
        mkdirSync(join(dir, 'nats'));
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-days',
            '1',
            '-subj',
            '/CN=nats',
            '-addext',
            'subjectAltName=DNS:nats,DNS:localhost,IP:127.0.0.1',
            '-keyout',
            join(tlsDir, 'tls.key'),
            '-out',
            join(tlsDir, 'tls.crt'),
          ],
          { stdio: 'ignore' },
        );
        execFileSync('cp', [join(tlsDir, 'tls.crt'), join(tlsDir, 'ca.crt')]);
        writeFileSync(
          join(dir, 'nats-auth', 'authorization.conf'),
          data('ConfigMap', 'nats-authorization')['authorization.conf'] ?? '',
        );
        const conf = (data('ConfigMap', 'nats-config')['nats.conf'] ?? '')
          .replaceAll('/etc/nats-tls', tlsDir)
          .replace(/pid_file: .*/, `pid_file: ${join(dir, 'nats.pid')}`)
          // startNatsServer gives the store directory (-sd) itself.
          .replace(/\n {2}store_dir: .*/, '')
          .replace(/\ncluster \{[\s\S]*?\n\}\n?/, '\n');
        writeFileSync(join(dir, 'nats', 'nats.conf'), conf);
        return join(dir, 'nats', 'nats.conf');
      },
    });
  });

  afterAll(async () => {
    await Promise.all(connections.map((nc) => nc.close()));
    await server?.dispose();
  });

  it('refuses a client without TLS, and a user with a wrong password', async () => {
    await expect(
      connectRawNats({
        servers: `nats://127.0.0.1:${server.port}`,
        user: 'collector',
        pass: passwords['collector'] ?? expect.unreachable('the production secrets hold no collector password'),
        timeout: 3_000,
        tls: null,
      }),
    ).rejects.toThrow();
    await expect(
      connectRawNats({
        ...natsConnectOptions(`tls://127.0.0.1:${server.port}`, {
          NATS_USER: 'collector',
          NATS_PASSWORD: 'nats0wrong0password0000000',
          NATS_TLS_CA: join(tlsDir, 'ca.crt'),
        }),
        timeout: 3_000,
      }),
    ).rejects.toThrow(/authorization/i);
  });

  it("admits each service over TLS with its generated password, and enforces the collector's rights", async () => {
    const names = busNames('', 8);
    await ensureBus(await as('api-gateway'), names, { replicas: 1 });
    for (const service of ['forecaster', 'alerter']) expect((await as(service)).info?.tls_required, service).toBe(true);
    const js = jetstream(await as('collector'));
    expect((await js.publish(names.subjects.metricSampled('aws', 'i-0abc'), '{}')).stream).toBe(names.streams.metrics);
    await expect(js.publish(names.subjects.alertFired('critical', 'i-0abc'), '{}', { timeout: 2_000 })).rejects.toThrow(
      /permission/i,
    );
  });
});
