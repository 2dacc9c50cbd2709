import { afterAll, describe, expect, it } from 'vitest';
import { createCounters, createLogger } from '@autoscale/observability';
import { ensurePrometheusInstalled, eventually, startAlertmanager, startHttpReceiver } from '@autoscale/testing';
import { createAlertmanagerChannel } from './alertmanager.channel';
import type { AlertDraft } from './channel';

const OPEN = 1_200;

/** An open forecast episode of machine `i`, as the alert state holds it. */
const openForecast = (i: number): AlertDraft => ({
  v: 1,
  id: `fleet-${i}/cpu/2026-12-06T12:00:00.000Z`,
  episodeId: `fleet-${i}/cpu/2026-12-06T11:55:00.000Z`,
  resourceId: `fleet-${i}`,
  metric: 'cpu',
  kind: 'forecast',
  severity: 'warning',
  breachAt: '2026-12-06T12:40:00.000Z',
  forecastAt: '2026-12-06T12:00:00.000Z',
  current: 71,
  threshold: 90,
  model: 'holt',
  firedAt: '2026-12-06T12:00:02.000Z',
  message: `fleet-${i}: CPU is forecast to reach 90% in about 40 min`,
});

describe("re-sending a large fleet's open alerts to Alertmanager", () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('keeps every open alert active in a real Alertmanager with a few list requests, not one each', async () => {
    ensurePrometheusInstalled();
    const am = await startAlertmanager();
    cleanups.push(async () => (await am.stop(), am.cleanup()));
    // A second peer that counts what it is sent (every peer gets every re-send).
    const peer = await startHttpReceiver();
    cleanups.push(() => peer.close());
    const counters = createCounters();
    const channel = createAlertmanagerChannel({
      urls: [am.url, peer.url],
      resendMs: 1_000,
      openAlerts: () => Promise.resolve(Array.from({ length: OPEN }, (_, i) => openForecast(i))),
      log: createLogger('alerter-test', 'silent'),
      counters,
    });
    cleanups.push(async () => channel.close?.());

    const active = async () => {
      const alerts = (await (
        await fetch(`${am.url}/api/v2/alerts?filter=alertname%3D%22SaturationForecast%22`)
      ).json()) as Array<{ status: { state: string } }>;
      return alerts.filter((a) => a.status.state === 'active').length;
    };
    await eventually(
      'every open alert active in Alertmanager',
      async () => ((await active()) === OPEN ? true : undefined),
      20_000,
    );
    // The first re-send, as the peer received it: the requests until every alert was in one.
    let requests = 0;
    let alerts = 0;
    for (const request of peer.requests) {
      requests += 1;
      alerts += (JSON.parse(request.body) as unknown[]).length;
      if (alerts >= OPEN) break;
    }
    expect({ requests, alerts }).toEqual({ requests: Math.ceil(OPEN / 500), alerts: OPEN });
    expect(counters.snapshot()['alertmanager_resent']).toBeGreaterThanOrEqual(OPEN);
  });
});
