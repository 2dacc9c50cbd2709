import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertFired } from '@autoscale/contracts';
import type { ForecastUpdated } from '@autoscale/contracts';
import { createJetStream, ensureBus, publishEvent } from '@autoscale/bus';
import { createTestBus, readStream } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { DEFAULT_ALERT_RULE_PARAMS } from '@autoscale/forecasting';
import { createCounters, createLogger } from '@autoscale/observability';
import { startSlackStandIn, startSmtpStandIn } from '@autoscale/testing';
import { alertKey, openAlertStore } from './alert-store';
import type { AlertStore } from './alert-store';
import { createEmailChannel } from './channels/email.channel';
import { createSlackChannel } from './channels/slack.channel';
import type { Channel } from './channels/channel';
import { handleForecastUpdated } from './forecast-updated.handler';
import type { AlerterDeps } from './forecast-updated.handler';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const STEP = 5 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A forecast for step `i`: `breachInMin` null means no crossing forecast. */
function forecast(resourceId: string, i: number, current: number, breachInMin: number | null): ForecastUpdated {
  const t = T0 + i * STEP;
  const breachAt = breachInMin === null ? null : iso(t + breachInMin * 60_000);
  return {
    v: 1,
    resourceId,
    metric: 'cpu',
    generatedAt: iso(t),
    model: 'holt',
    threshold: 90,
    current,
    slopePerMin: 0.5,
    breachAt,
    breachInMin,
    interval: breachAt ? { earliest: breachAt, latest: breachAt } : null,
    points: [],
    samples: 50,
  };
}

describe('handleForecastUpdated', () => {
  let bus: TestBus;
  let store: AlertStore;
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;
  let channels: Channel[];
  const log = createLogger('alerter-test', 'silent');

  const depsWith = (overrides: Partial<AlerterDeps> = {}): AlerterDeps => ({
    store,
    channels,
    // Tests start series with a forecast at once; production waits for warmupCount forecasts.
    params: { ...DEFAULT_ALERT_RULE_PARAMS, warmupCount: 1 },
    names: bus.names,
    publish: (subject, event, msgId) => publishEvent(createJetStream(bus.nc), subject, event, msgId),
    log,
    counters: createCounters(),
    ...overrides,
  });

  async function publishedAlerts(resourceId: string): Promise<AlertFired[]> {
    const stored = await readStream(bus.nc, bus.names.streams.alerts);
    return stored.map((m) => AlertFired.parse(m.json)).filter((alert) => alert.resourceId === resourceId);
  }

  beforeAll(async () => {
    [bus, slack, smtp] = await Promise.all([createTestBus(), startSlackStandIn(), startSmtpStandIn()]);
    await ensureBus(bus.nc, bus.names);
    store = await openAlertStore(bus.nc, bus.names.kv.alertState);
    channels = [
      createSlackChannel(slack.url),
      createEmailChannel({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'a@test.local', to: 'b@test.local' }),
    ];
  });

  afterAll(async () => {
    await Promise.all([bus.cleanup(), slack.close(), smtp.close()]);
  });

  it('notifies once when a breach is forecast, escalates once on the breach, and resolves once', async () => {
    const deps = depsWith();
    const steps: Array<[number, number | null]> = [
      [50, null], [52, null], [55, null], // quiet
      [70, 40], [75, 30], [80, 20], [85, 10], // forecast: debounced, then one notification
      [92, 0], [95, 0], [97, 0], // breach: one escalation
      ...Array.from({ length: 10 }, (): [number, number | null] => [40, null]), // clear for 50 minutes
    ];
    for (const [i, [current, inMin]] of steps.entries()) await handleForecastUpdated(forecast('web-1', i, current, inMin), deps);

    const alerts = await publishedAlerts('web-1');
    expect(alerts.map((a) => [a.kind, a.severity])).toEqual([
      ['forecast', 'warning'],
      ['breach', 'critical'],
      ['resolved', 'info'],
    ]);
    expect(new Set(alerts.map((a) => a.episodeId)).size).toBe(1);
    for (const alert of alerts) {
      expect(alert.deliveries.map((d) => [d.channel, d.ok])).toEqual([['slack', true], ['email', true]]);
    }
    expect(slack.posts.map((p) => p.text)).toEqual(alerts.map((a) => a.message));
    expect(smtp.mails.map((m) => m.header('X-Autoscale-Alert-Id'))).toEqual(alerts.map((a) => a.id));
    expect(alerts[0]!.message).toContain('forecast to reach 90%');
  });

  it('does nothing more when a forecast is delivered again', async () => {
    const deps = depsWith();
    const events = [forecast('web-2', 0, 70, 30), forecast('web-2', 1, 75, 25)];
    for (const event of events) await handleForecastUpdated(event, deps);
    const before = await publishedAlerts('web-2');
    for (const event of events) await handleForecastUpdated(event, deps);
    expect(before).toHaveLength(1);
    expect(await publishedAlerts('web-2')).toHaveLength(1);
  });

  it('lets only one of two replicas handling the same forecast notify', async () => {
    await handleForecastUpdated(forecast('web-3', 0, 70, 30), depsWith());
    const second = forecast('web-3', 1, 75, 25);
    const results = await Promise.allSettled([
      handleForecastUpdated(second, depsWith()),
      handleForecastUpdated(second, depsWith()),
    ]);
    // The loser's write is refused (its message would be retried and find the work done).
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    await handleForecastUpdated(second, depsWith());
    expect(await publishedAlerts('web-3')).toHaveLength(1);
  });

  it('still records and publishes the alert when a channel fails, with the error', async () => {
    const down = await startSlackStandIn({ failWith: 503 });
    try {
      const deps = depsWith({ channels: [createSlackChannel(down.url)] });
      await handleForecastUpdated(forecast('web-4', 0, 91, 0), deps);
      await handleForecastUpdated(forecast('web-4', 1, 93, 0), deps);
      const [alert] = await publishedAlerts('web-4');
      expect(alert?.kind).toBe('breach');
      expect(alert?.deliveries).toEqual([
        expect.objectContaining({ channel: 'slack', ok: false, error: expect.stringContaining('503') }),
      ]);
    } finally {
      await down.close();
    }
  });

  it('sends a notification left in the outbox by a crash before evaluating the next forecast', async () => {
    const deps = depsWith({ channels: [] });
    const key = alertKey('web-5', 'cpu');
    await handleForecastUpdated(forecast('web-5', 0, 60, null), deps);
    const { record, revision } = await store.read(key);
    const pending = {
      v: 1 as const,
      id: 'web-5/cpu/pending',
      resourceId: 'web-5',
      metric: 'cpu' as const,
      kind: 'forecast' as const,
      severity: 'warning' as const,
      breachAt: null,
      message: 'pending notification',
      firedAt: iso(T0),
    };
    await store.write(key, { ...record!, outbox: pending }, revision);

    await handleForecastUpdated(forecast('web-5', 1, 60, null), deps);
    expect((await publishedAlerts('web-5')).map((a) => a.id)).toEqual(['web-5/cpu/pending']);
    expect((await store.read(key)).record?.outbox).toBeNull();
  });
});
