import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUS_USERS, busNames, busPermissions } from '@autoscale/contracts';
import { natsAuthorization } from '@autoscale/bus';
import { startNatsServer } from '@autoscale/bus/testing';
import type { TestNatsServer } from '@autoscale/bus/testing';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { eventually, freePort, getJson, startSlackStandIn } from '@autoscale/testing';
import { startService, stopService, systemEnv } from './testing/index';
import type { RunningService } from './testing/index';

const NAMESPACE = `t${Date.now().toString(36)}`;
const API_TOKEN = 'e2e-identities-token-8c1f5a3d9b27e640';
const password = (user: string) => `${user}-e2e-password-4f9a1c7e2b`;
const RAMPING = 'sim-01';

/**
 * The four services on a NATS server that knows only their users, each with the permissions
 * generated from the contracts: the pipeline works, and the server never had to refuse one
 * of them (a missing grant shows up here as a "Publish Violation" or "Subscription Violation" in its log).
 */
describe('the pipeline with one NATS identity per service', () => {
  let nats: TestNatsServer;
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  const database = testDatabaseUrl();
  let api: string;
  const services: RunningService[] = [];
  const ready = new Set<string>();

  beforeAll(async () => {
    const names = busNames(NAMESPACE);
    nats = await startNatsServer({
      config: (dir) => {
        const file = join(dir, 'authorization.conf');
        writeFileSync(
          file,
          natsAuthorization(busPermissions(names), (user) => ({ value: password(user) })),
        );
        return file;
      },
    });
    slack = await startSlackStandIn();
    const port = await freePort();
    api = `http://127.0.0.1:${port}/api`;
    const env = {
      ...systemEnv({ url: nats.url, namespace: NAMESPACE }, database.url, port),
      POLL_INTERVAL_SECONDS: '1',
      SIM_RESOURCES: '2',
      SIM_SEED: '7',
      BACKFILL_HOURS: '0.02',
      FORECAST_WINDOW_MIN: '0.5',
      SLACK_WEBHOOK_URL: slack.url,
      API_TOKEN,
    };
    for (const name of BUS_USERS) {
      // Info level for the "<service> ready" line: the scaler has no health entry to wait on.
      const service = startService(name, { ...env, LOG_LEVEL: 'info', NATS_USER: name, NATS_PASSWORD: password(name) });
      service.child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString('utf8').includes(`${name} ready`)) ready.add(name);
      });
      services.push(service);
    }
  });

  afterAll(async () => {
    await Promise.all(services.map(stopService));
    await Promise.all([nats?.dispose(), database.drop(), slack?.close()]);
  });

  const dumpLogsOnFailure = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      for (const s of services) console.error(`--- ${s.name} ---\n${s.output.join('').slice(-4000)}`);
      console.error(`--- nats-server ---\n${nats.log().slice(-4000)}`);
      throw error;
    }
  };

  it('samples, forecasts, stores and reports every service up', async () => {
    const health = await dumpLogsOnFailure(() =>
      eventually(
        'a healthy system',
        async () => {
          const res = await getJson<{ status: string }>(`${api}/health`);
          return res.status === 200 ? res.body : undefined;
        },
        60_000,
      ),
    );
    expect(health).toMatchObject({
      services: { collector: { up: true }, forecaster: { up: true }, alerter: { up: true } },
    });
    const forecast = await dumpLogsOnFailure(() =>
      eventually(
        'a stored forecast',
        async () => {
          const { body } = await getJson<{ forecasts: Array<{ metric: string }> }>(
            `${api}/forecast?resource_id=${RAMPING}`,
          );
          return body.forecasts.find((f) => f.metric === 'cpu');
        },
        90_000,
      ),
    );
    expect(forecast).toBeDefined();
  });

  it('sends a test alert through the alerter and delivers it', async () => {
    const sent = await getJson<{ alert: { id: string; deliveries: Array<{ ok: boolean }> } }>(`${api}/test-alert`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(sent.status).toBe(200);
    expect(sent.body.alert.deliveries.every((d) => d.ok)).toBe(true);
    await dumpLogsOnFailure(() =>
      eventually(
        'the test alert in /api/alerts',
        async () => {
          const { body } = await getJson<{ alerts: Array<{ id: string }> }>(`${api}/alerts?limit=5`);
          return body.alerts.find((a) => a.id === sent.body.alert.id);
        },
        15_000,
      ),
    );
  });

  it('silences through the gateway, which the alerter reads', async () => {
    const created = await getJson<{ silence: { id: string } }>(`${api}/silences`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ resource: 'sim-*', durationMin: 5, createdBy: 'e2e' }),
    });
    expect(created.status).toBe(201);
    const deleted = await fetch(`${api}/silences/${created.body.silence.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    expect(deleted.status).toBe(204);
    // The audit trail: published by the gateway into AUDIT, read back from it.
    const audit = await getJson<{ entries: Array<{ action: string; actor: string }> }>(`${api}/audit`, {
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    expect(audit.body.entries.map((e) => `${e.action} by ${e.actor}`).slice(0, 3)).toEqual([
      'silence.deleted by api-token',
      'silence.created by api-token',
      'alert.tested by api-token',
    ]);
  });

  it('streams forecasts live to the dashboard', async () => {
    const live = new AbortController();
    const res = await fetch(`${api}/stream?resource_id=${RAMPING}`, { signal: live.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    live.abort();
  });

  it('never made the server refuse a service, and every service stops cleanly', async () => {
    await dumpLogsOnFailure(async () => {
      // Every service, the scaler included (no health entry of its own), came all the way up.
      await expect
        .poll(() => services.map((s) => s.name).filter((name) => !ready.has(name)), { timeout: 30_000 })
        .toEqual([]);
      const codes = await Promise.all(services.map(stopService));
      expect(nats.log().match(/.*Violation.*/g) ?? []).toEqual([]);
      expect(Object.fromEntries(services.map((s, i) => [s.name, codes[i]]))).toEqual(
        Object.fromEntries(services.map((s) => [s.name, 0])),
      );
    });
  });
});
