import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertFired } from '@autoscale/contracts';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { eventually, freePort, getJson, startSlackStandIn, startSmtpStandIn } from '@autoscale/testing';
import { startService, stopService, systemEnv } from './testing/index';
import type { RunningService } from './testing/index';

type Alert = Omit<AlertFired, 'v'> & { status: string };
type Resource = { resourceId: string; samples: number };
type Forecast = { resourceId: string; metric: string; breachAt: string | null };

const API_TOKEN = 'e2e-secret-token-3e8a05c1b7d2';
const RAMPING = 'sim-01';

describe('the pipeline, four services as separate processes', () => {
  let bus: TestBus;
  const database = testDatabaseUrl();
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;
  let api: string;
  const services: RunningService[] = [];
  const service = (name: string) => services.find((s) => s.name === name)!;

  beforeAll(async () => {
    [bus, slack, smtp] = await Promise.all([createTestBus(), startSlackStandIn(), startSmtpStandIn()]);
    const port = await freePort();
    api = `http://127.0.0.1:${port}/api`;
    const env = {
      // The database is not created beforehand: the gateway creates it.
      ...systemEnv(bus, database.url, port),
      POLL_INTERVAL_SECONDS: '1',
      SIM_RESOURCES: '2',
      SIM_SEED: '7',
      BACKFILL_HOURS: '0.02',
      FORECAST_WINDOW_MIN: '0.5',
      // The default hysteresis (30 quiet minutes) scaled to one-second polls.
      ALERT_CLEAR_MIN: '0.15',
      SLACK_WEBHOOK_URL: slack.url,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: 'autoscale@test.local',
      SMTP_TO: 'oncall@test.local',
      API_TOKEN,
    };
    for (const name of ['api-gateway', 'forecaster', 'alerter', 'collector']) services.push(startService(name, env));
  });

  afterAll(async () => {
    await Promise.all(services.map(stopService));
    await Promise.all([bus?.cleanup(), database.drop(), slack?.close(), smtp?.close()]);
  });

  const dumpLogsOnFailure = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      for (const s of services) console.error(`--- ${s.name} ---\n${s.output.join('').slice(-4000)}`);
      throw error;
    }
  };

  it('reports every part up on /api/health', async () => {
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
      status: 'ok',
      nats: { up: true },
      postgres: { up: true },
      services: { collector: { up: true }, forecaster: { up: true }, alerter: { up: true } },
    });
  });

  it('stores metric rows that keep growing', async () => {
    const samplesOf = async () => {
      const { body } = await getJson<{ resources: Resource[] }>(`${api}/resources`);
      return body.resources.find((r) => r.resourceId === RAMPING)?.samples ?? 0;
    };
    const first = await eventually(
      'metrics of the simulated resource',
      async () => ((await samplesOf()) > 0 ? samplesOf() : undefined),
      30_000,
    );
    const later = await eventually(
      'more metric rows',
      async () => {
        const now = await samplesOf();
        return now >= first + 3 ? now : undefined;
      },
      30_000,
    );
    expect(later).toBeGreaterThanOrEqual(first + 3);

    const { body } = await getJson<{ resourceId: string; points: unknown[] }>(
      `${api}/metrics?resource_id=${RAMPING}&range=1h&step=2`,
    );
    expect(body.resourceId).toBe(RAMPING);
    // Samples come every second here; 2-second buckets keep about one point per two samples.
    expect(body.points.length).toBeGreaterThan(10);
  });

  it('forecasts a breach for the ramping resource', async () => {
    const forecast = await dumpLogsOnFailure(() =>
      eventually(
        'a forecast with breachAt',
        async () => {
          const { body } = await getJson<{ forecasts: Forecast[] }>(`${api}/forecast?resource_id=${RAMPING}`);
          return body.forecasts.find((f) => f.metric === 'cpu' && f.breachAt !== null);
        },
        120_000,
      ),
    );
    expect(Date.parse(forecast.breachAt!)).not.toBeNaN();
  });

  it('alerts on the ramp, then sends a resolved notice when it ends', async () => {
    const alertsOf = async () => {
      const { body } = await getJson<{ alerts: Alert[] }>(`${api}/alerts?limit=500`);
      return body.alerts.filter((a) => a.resourceId === RAMPING && a.metric === 'cpu').reverse();
    };
    const episode = await dumpLogsOnFailure(() =>
      eventually(
        'an alert followed by a resolved notice',
        async () => {
          const alerts = await alertsOf();
          const opened = alerts.findIndex((a) => a.kind === 'forecast' || a.kind === 'breach');
          const resolved = alerts.findIndex((a, i) => i > opened && a.kind === 'resolved');
          return opened >= 0 && resolved > opened
            ? { opened: alerts[opened]!, resolved: alerts[resolved]! }
            : undefined;
        },
        180_000,
      ),
    );
    expect(episode.resolved.episodeId).toBe(episode.opened.episodeId);
    expect(episode.resolved.severity).toBe('info');
  });

  it('delivers exactly one notification per alert to Slack and to e-mail', async () => {
    // Stop the source so the set of alerts stops changing, then compare once it is quiet.
    expect(await stopService(service('collector'))).toBe(0);
    const alerts = await eventually(
      'alerts and deliveries to settle',
      async () => {
        const before = await getJson<{ alerts: Alert[] }>(`${api}/alerts?limit=500`);
        const counts = [before.body.alerts.length, slack.posts.length, smtp.mails.length];
        await new Promise((resolve) => setTimeout(resolve, 3000));
        const after = await getJson<{ alerts: Alert[] }>(`${api}/alerts?limit=500`);
        const settled = [after.body.alerts.length, slack.posts.length, smtp.mails.length];
        // Deliveries are recorded apart from the decision: wait for every outcome too.
        const stable =
          counts.every((c, i) => c === settled[i]) &&
          after.body.alerts.length === slack.posts.length &&
          after.body.alerts.every((a) => a.status === 'delivered');
        return stable ? after.body.alerts : undefined;
      },
      60_000,
    );

    expect(alerts.length).toBeGreaterThan(0);
    expect(slack.posts.map((p) => p.text).sort()).toEqual(alerts.map((a) => a.message).sort());
    const mailedIds = smtp.mails.map((m) => m.header('X-Autoscale-Alert-Id')).sort();
    expect(mailedIds).toEqual(alerts.map((a) => a.id).sort());
    for (const alert of alerts) {
      expect(alert.deliveries.map((d) => [d.channel, d.ok]).sort()).toEqual([
        ['email', true],
        ['slack', true],
      ]);
    }
  });

  it('sends a test alert with the API token and refuses it without', async () => {
    const refused = await getJson<{ error: { code: string } }>(`${api}/test-alert`, { method: 'POST' });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');

    const postsBefore = slack.posts.length;
    const sent = await getJson<{ alert: Alert }>(`${api}/test-alert`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ requestedBy: 'e2e' }),
    });
    expect(sent.status).toBe(200);
    expect(sent.body.alert.kind).toBe('test');
    expect(sent.body.alert.deliveries.every((d) => d.ok)).toBe(true);
    expect(slack.posts.length).toBe(postsBefore + 1);
    expect(smtp.mails.some((m) => m.header('X-Autoscale-Alert-Id') === sent.body.alert.id)).toBe(true);
    await eventually(
      'the test alert in /api/alerts',
      async () => {
        const { body } = await getJson<{ alerts: Alert[] }>(`${api}/alerts?limit=5`);
        return body.alerts.find((a) => a.id === sent.body.alert.id);
      },
      15_000,
    );
  });

  it('shuts every service down gracefully on SIGTERM', async () => {
    const codes = await Promise.all(services.map(stopService));
    expect(codes).toEqual(services.map(() => 0));
  });
});
