import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { eventually, startSlackStandIn, startSmtpStandIn } from '@autoscale/testing';
import { alertKey } from './alert-store';
import { createEmailChannel } from './channels/email.channel';
import { createSlackChannel } from './channels/slack.channel';
import { alertStream, finalStatuses, forecastAt, startAlerterReplica } from './testing/alerter-harness';

const STEP = 5 * 60_000;
const HOUR = 3_600_000;

describe('handleForecastUpdated', () => {
  let bus: TestBus;
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;
  let replica: Awaited<ReturnType<typeof startAlerterReplica>>;
  // Every test's forecasts end now, so they are fresh unless a test says otherwise.
  const start = (steps: number) => Date.now() - steps * STEP;

  beforeAll(async () => {
    [bus, slack, smtp] = await Promise.all([createTestBus(), startSlackStandIn(), startSmtpStandIn()]);
    const channels = [
      createSlackChannel(slack.url),
      createEmailChannel({
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        from: 'a@test.local',
        to: 'b@test.local',
      }),
    ];
    replica = await startAlerterReplica(bus, channels, { maxAgeMs: 3 * HOUR });
  });

  afterAll(async () => {
    await replica.stop();
    await Promise.all([bus.cleanup(), slack.close(), smtp.close()]);
  });

  const alertsOf = async (resourceId: string) =>
    (await alertStream(bus)).alerts.filter((a) => a.resourceId === resourceId);

  it('notifies once when a breach is forecast, escalates once on the breach, and resolves once, each delivered once per channel', async () => {
    const steps: Array<[number, number | null]> = [
      [50, null],
      [52, null],
      [55, null], // quiet
      [70, 40],
      [75, 30],
      [80, 20],
      [85, 10], // forecast: debounced, then one notification
      [92, 0],
      [95, 0],
      [97, 0], // breach: one escalation
      ...Array.from({ length: 10 }, (): [number, number | null] => [40, null]), // clear for 50 minutes
    ];
    const t0 = start(steps.length);
    for (const [i, [current, inMin]] of steps.entries())
      await replica.handle(forecastAt('web-1', t0 + i * STEP, current, inMin));

    const alerts = await alertsOf('web-1');
    expect(alerts.map((a) => [a.kind, a.severity])).toEqual([
      ['forecast', 'warning'],
      ['breach', 'critical'],
      ['resolved', 'info'],
    ]);
    expect(new Set(alerts.map((a) => a.episodeId)).size).toBe(1);
    expect(alerts[0]!.message).toContain('forecast to reach 90%');
    expect(alerts[2]!.message).toContain('was at or above 90%');
    await eventually(
      'three posts and three mails',
      async () => (slack.posts.length === 3 && smtp.mails.length === 3 ? true : undefined),
      15_000,
    );
    // Each channel's jobs run side by side (ALERT_DELIVERY_CONCURRENCY): each alert arrives once, in any order.
    expect(slack.posts.map((p) => p.text).sort()).toEqual(alerts.map((a) => a.message).sort());
    expect(smtp.mails.map((m) => m.header('X-Autoscale-Alert-Id')).sort()).toEqual(alerts.map((a) => a.id).sort());
    const statuses = await eventually(
      'six delivery outcomes',
      async () => {
        const final = finalStatuses((await alertStream(bus)).updates);
        return final.size === 6 ? [...final.values()] : undefined;
      },
      15_000,
    );
    expect(statuses.map((u) => [u.status, u.attempts])).toEqual(Array(6).fill(['delivered', 1]));
  });

  it('does nothing more when a forecast is delivered again', async () => {
    const t0 = start(2);
    const events = [forecastAt('web-2', t0, 91, 0), forecastAt('web-2', t0 + STEP, 93, 0)];
    for (const event of events) await replica.handle(event);
    for (const event of events) await replica.handle(event);
    expect(await alertsOf('web-2')).toHaveLength(1);
    const counts = replica.counters.snapshot();
    expect((counts['forecasts_redelivered'] ?? 0) + (counts['forecasts_late'] ?? 0)).toBeGreaterThanOrEqual(2);
  });

  it('lets only one of two replicas handling the same forecast decide', async () => {
    const t0 = start(2);
    await replica.handle(forecastAt('web-3', t0, 91, 0));
    const second = forecastAt('web-3', t0 + STEP, 93, 0);
    await Promise.allSettled([replica.handle(second), replica.handle(second)]);
    await replica.handle(second);
    expect(await alertsOf('web-3')).toHaveLength(1);
  });

  it('publishes and enqueues a notification left in the outbox by a crash before evaluating the next forecast', async () => {
    const key = alertKey('web-5', 'cpu');
    const t0 = start(2);
    await replica.handle(forecastAt('web-5', t0, 60, null));
    const { record, revision } = await replica.store.read(key);
    const pending = {
      v: 1 as const,
      id: 'web-5/cpu/pending',
      resourceId: 'web-5',
      metric: 'cpu' as const,
      kind: 'forecast' as const,
      severity: 'warning' as const,
      breachAt: null,
      message: 'pending notification',
      firedAt: new Date().toISOString(),
    };
    await replica.store.write(key, { ...record!, outbox: pending }, revision);

    await replica.handle(forecastAt('web-5', t0 + STEP, 60, null));
    expect((await alertsOf('web-5')).map((a) => a.id)).toEqual(['web-5/cpu/pending']);
    expect((await replica.store.read(key)).record?.outbox).toBeNull();
    await eventually(
      'the pending notification posted',
      async () => (slack.posts.some((p) => p.text === 'pending notification') ? true : undefined),
      15_000,
    );
  });

  it('refuses a forecast dated in the future as bad input, leaving the series as it was', async () => {
    const future = forecastAt('web-6', Date.parse('2999-01-01T00:00:00Z'), 95, 0);
    await expect(replica.handle(future)).rejects.toThrow(/in the future/);
    expect((await replica.store.read(alertKey('web-6', 'cpu'))).record).toBeNull();
  });

  it('resets a state entry dated in the future instead of letting it mute the series', async () => {
    const key = alertKey('web-7', 'cpu');
    const t0 = start(2);
    await replica.handle(forecastAt('web-7', t0 - STEP, 50, null));
    const { record, revision } = await replica.store.read(key);
    await replica.store.write(key, { ...record!, lastForecastAt: Date.parse('2999-01-01T00:00:00Z') }, revision);

    await replica.handle(forecastAt('web-7', t0, 95, 0));
    await replica.handle(forecastAt('web-7', t0 + STEP, 96, 0));
    expect((await alertsOf('web-7')).map((a) => a.kind)).toEqual(['breach']);
  });
});

describe('handleForecastUpdated after a backfill', () => {
  it('rebuilds the state from 6 hours of old forecasts and delivers nothing, recording each notification as stale', async () => {
    const [bus, slack] = await Promise.all([createTestBus(), startSlackStandIn()]);
    const replica = await startAlerterReplica(bus, [createSlackChannel(slack.url)], { maxAgeMs: 10 * 60_000 });
    try {
      // A collector that starts on AWS or GCP backfills 6 h: breaches and recoveries long over.
      const t0 = Date.now() - 6 * HOUR;
      const values = Array.from({ length: 6 * 12 - 3 }, (_, i) => (Math.floor(i / 12) % 2 === 0 ? 95 : 40));
      for (const [i, value] of values.entries())
        await replica.handle(forecastAt('db-1', t0 + i * STEP, value, value > 90 ? 0 : null));

      const { alerts } = await alertStream(bus);
      expect(alerts.length).toBeGreaterThanOrEqual(4);
      expect(alerts.every((a) => a.suppressed === 'stale' && a.deliveries.length === 0)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(slack.requests).toHaveLength(0);
      // The state is where the history left it: the last breach resolved, 20 minutes ago.
      expect((await replica.store.read(alertKey('db-1', 'cpu'))).record?.rule.status).toBe('ok');
    } finally {
      await replica.stop();
      await Promise.all([bus.cleanup(), slack.close()]);
    }
  });
});
