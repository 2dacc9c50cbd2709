import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookNotification } from '@autoscale/contracts';
import type { ForecastUpdated } from '@autoscale/contracts';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { createCounters, createLogger } from '@autoscale/observability';
import {
  ensurePrometheusInstalled,
  eventually,
  startAlertmanager,
  startHttpReceiver,
  startPagerDutyStandIn,
} from '@autoscale/testing';
import { alertStream, finalStatuses, forecastAt, startAlerterReplica } from '../testing/alerter-harness';
import { createAlertmanagerChannel } from './alertmanager.channel';
import type { Channel } from './channel';
import { createPagerDutyChannel } from './pagerduty.channel';
import { createWebhookChannel } from './webhook.channel';

const STEP = 5 * 60_000;
const HOUR = 3_600_000;
const ROUTING_KEY = 'R0123456789abcdef0123456789abcde';
type Replica = Awaited<ReturnType<typeof startAlerterReplica>>;

/** One episode in three phases: a forecast, the breach it announced, then 50 clear minutes. */
const PHASES: Record<'forecast' | 'breach' | 'resolved', Array<[number, number | null]>> = {
  forecast: [
    [50, null],
    [52, null],
    [55, null],
    [70, 40],
    [75, 30],
    [80, 20],
    [85, 10],
  ],
  breach: [
    [92, 0],
    [95, 0],
    [97, 0],
  ],
  resolved: Array.from({ length: 10 }, (): [number, number | null] => [40, null]),
};

describe('pager channels on the delivery queue', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(channels: (replica: () => Replica) => Channel[]) {
    const bus: TestBus = await createTestBus();
    cleanups.push(() => bus.cleanup());
    // The Alertmanager channel reads the replica's alert state, which exists once the replica does.
    const ref: { current?: Replica } = {};
    const replica = await startAlerterReplica(
      bus,
      channels(() => ref.current!),
      { maxAgeMs: 3 * HOUR, initialRetryMs: 100 },
    );
    ref.current = replica;
    cleanups.push(() => replica.stop());
    const t0 = Date.now() - 21 * STEP;
    let i = 0;
    const labels = { job: 'node', env: 'prod' };
    const phase = async (resourceId: string, name: keyof typeof PHASES) => {
      for (const [current, inMin] of PHASES[name]) {
        const event: ForecastUpdated = { ...forecastAt(resourceId, t0 + i++ * STEP, current, inMin), labels };
        await replica.handle(event);
      }
    };
    const outcomes = (channel: string, count: number) =>
      eventually(
        `${count} ${channel} outcomes`,
        async () => {
          const final = [...finalStatuses((await alertStream(bus)).updates).values()].filter(
            (u) => u.channel === channel,
          );
          return final.length >= count ? final : undefined;
        },
        20_000,
      );
    return { phase, outcomes };
  }

  it('PagerDuty: one incident per episode (trigger, escalate, resolve by dedup_key), 429 and 5xx retried', async () => {
    const pd = await startPagerDutyStandIn({ script: [{ status: 429 }, { status: 502 }] });
    cleanups.push(() => pd.close());
    const { phase, outcomes } = await setUp(() => [
      createPagerDutyChannel({ routingKey: ROUTING_KEY, eventsUrl: pd.url, publicUrl: 'https://cirm.example' }),
    ]);

    await phase('web-1', 'forecast');
    expect((await outcomes('pagerduty', 1)).map((u) => [u.status, u.attempts])).toEqual([['delivered', 3]]);
    await phase('web-1', 'breach');
    await outcomes('pagerduty', 2);
    await phase('web-1', 'resolved');
    await outcomes('pagerduty', 3);

    const events = pd.accepted.map(
      (r) =>
        JSON.parse(r.body) as {
          event_action: string;
          dedup_key: string;
          payload?: Record<string, unknown>;
          links?: unknown[];
        },
    );
    expect(events.map((e) => [e.event_action, e.payload?.['severity']])).toEqual([
      ['trigger', 'warning'],
      ['trigger', 'critical'],
      ['resolve', undefined],
    ]);
    expect(new Set(events.map((e) => e.dedup_key))).toEqual(new Set([expect.stringMatching(/^web-1\/cpu\//)]));
    expect(events[1]!.payload).toMatchObject({
      source: 'web-1',
      component: 'cpu',
      custom_details: { Threshold: '90%', labels: { job: 'node', env: 'prod' } },
    });
    expect(events[1]!.links).toEqual([{ href: 'https://cirm.example/#/resource/web-1', text: 'Open in dashboard' }]);
    expect(pd.requests.map((r) => r.status)).toEqual([429, 502, 202, 202, 202]);
  });

  it('PagerDuty: an event it refuses (400) is failed at once, not retried', async () => {
    const pd = await startPagerDutyStandIn();
    cleanups.push(() => pd.close());
    const { phase, outcomes } = await setUp(() => [
      createPagerDutyChannel({ routingKey: 'too-short', eventsUrl: pd.url }),
    ]);
    await phase('web-2', 'forecast');
    const [outcome] = await outcomes('pagerduty', 1);
    expect(outcome).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringContaining('400') });
  });

  it('webhook: the schema body, one idempotency key for every retry, a signature a receiver verifies with plain HMAC', async () => {
    const hook = await startHttpReceiver({
      script: [{ status: 503 }, { status: 429, headers: { 'Retry-After': '1' } }],
    });
    cleanups.push(() => hook.close());
    const secret = 'whsec-test-secret';
    const { phase, outcomes } = await setUp(() => [createWebhookChannel({ url: hook.url, secret })]);
    await phase('web-3', 'forecast');
    expect((await outcomes('webhook', 1)).map((u) => [u.status, u.attempts])).toEqual([['delivered', 3]]);

    expect(new Set(hook.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    for (const request of hook.requests) {
      const timestamp = String(request.headers['x-autoscale-timestamp']);
      const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
      expect(request.headers['x-autoscale-signature']).toBe(expected);
      expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(60);
    }
    const body = WebhookNotification.parse(JSON.parse(hook.accepted[0]!.body));
    expect(body).toMatchObject({
      kind: 'forecast',
      severity: 'warning',
      resourceId: 'web-3',
      metric: 'cpu',
      labels: { job: 'node', env: 'prod' },
    });
    expect(body.idempotencyKey).toBe(hook.requests[0]!.headers['idempotency-key']);
  });

  it('Alertmanager (real, an HA pair): the breach fires on both with the documented labels, stays up by re-sending, obeys an Alertmanager silence, ends on resolve', async () => {
    ensurePrometheusInstalled();
    const pair = await Promise.all([startAlertmanager(), startAlertmanager()]);
    for (const am of pair) cleanups.push(async () => (await am.stop(), am.cleanup()));
    const log = createLogger('alerter-test', 'silent');
    const alertmanagerOf = (replica: () => Replica) =>
      createAlertmanagerChannel({
        urls: pair.map((am) => am.url),
        resendMs: 1_000,
        publicUrl: 'https://cirm.example',
        openAlerts: () => replica().store.openNotices(),
        log,
        counters: createCounters(),
      });
    let first: Channel | undefined;
    let replicaRef: (() => Replica) | undefined;
    const { phase } = await setUp((replica) => {
      replicaRef = replica;
      first = alertmanagerOf(replica);
      return [first];
    });
    type AmAlert = {
      labels: Record<string, string>;
      annotations: Record<string, string>;
      generatorURL: string;
      status: { state: string; silencedBy: string[] };
    };
    const alertsIn = async (url: string) =>
      (await (await fetch(`${url}/api/v2/alerts?filter=resource%3D%22db-1%22`)).json()) as AmAlert[];
    const firing = (url: string, alertname: string) =>
      eventually(
        `${alertname} in ${url}`,
        async () => (await alertsIn(url)).find((a) => a.labels['alertname'] === alertname),
        15_000,
      );

    await phase('db-1', 'forecast');
    await firing(pair[0]!.url, 'SaturationForecast');
    await phase('db-1', 'breach');
    for (const am of pair) {
      const alert = await firing(am.url, 'Saturation');
      expect(alert.labels).toEqual({
        alertname: 'Saturation',
        resource: 'db-1',
        metric: 'cpu',
        severity: 'critical',
        job: 'node',
        env: 'prod',
      });
      expect(alert.annotations).toMatchObject({ threshold: '90%', dashboard: 'https://cirm.example/#/resource/db-1' });
      expect(alert.generatorURL).toBe('https://cirm.example/#/resource/db-1');
    }
    // The forecast the breach confirmed is ended.
    await eventually(
      'the forecast alert ended',
      async () =>
        (await alertsIn(pair[0]!.url)).some((a) => a.labels['alertname'] === 'SaturationForecast') ? undefined : true,
      15_000,
    );

    // Sent with endsAt 4 s ahead: still active after 6 s only because it is re-sent, here by
    // another alerter (a restart) that never sent it but reads the open episode from the state.
    first!.close?.();
    const restarted = alertmanagerOf(replicaRef!);
    cleanups.push(async () => restarted.close?.());
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect((await firing(pair[0]!.url, 'Saturation')).status.state).toBe('active');

    const silence = await fetch(`${pair[0]!.url}/api/v2/silences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        matchers: [
          { name: 'alertname', value: 'Saturation', isRegex: false },
          { name: 'resource', value: 'db-1', isRegex: false },
        ],
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + HOUR).toISOString(),
        createdBy: 'test',
        comment: 'maintenance',
      }),
    });
    const { silenceID } = (await silence.json()) as { silenceID: string };
    const silenced = await eventually(
      'the alert suppressed by the silence',
      async () => {
        const alert = await firing(pair[0]!.url, 'Saturation');
        return alert.status.state === 'suppressed' ? alert : undefined;
      },
      15_000,
    );
    expect(silenced.status.silencedBy).toEqual([silenceID]);

    await phase('db-1', 'resolved');
    for (const am of pair) {
      await eventually(
        `the alert resolved in ${am.url}`,
        async () => ((await alertsIn(am.url)).length === 0 ? true : undefined),
        15_000,
      );
    }
  });
});
