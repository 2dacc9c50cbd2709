import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastUpdatedEvent } from '@autoscale/contracts';
import type { ForecastUpdated } from '@autoscale/contracts';
import { createJetStream, publish } from '@autoscale/bus';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { eventually, startSlackStandIn } from '@autoscale/testing';
import { startService, stopService } from './testing/index';
import type { RunningService } from './testing/index';

const breachAt = (t: number, current: number): ForecastUpdated => ({
  v: 1,
  resourceId: 'crash-1',
  metric: 'cpu',
  generatedAt: new Date(t).toISOString(),
  model: 'holt',
  threshold: 90,
  current,
  slopePerMin: 0.5,
  breachAt: new Date(t).toISOString(),
  breachInMin: 0,
  interval: null,
  points: [],
  samples: 50,
});

describe('an alerter killed while a delivery is being retried', () => {
  let bus: TestBus;
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  const running: RunningService[] = [];

  const startAlerter = async () => {
    const alerter = startService('alerter', {
      NATS_URL: bus.url,
      BUS_NAMESPACE: bus.namespace,
      LOG_LEVEL: 'info',
      SLACK_WEBHOOK_URL: slack.url,
      ALERT_DELIVERY_LEASE_SEC: '2',
    });
    running.push(alerter);
    await eventually(
      'the alerter ready',
      async () => (alerter.output.join('').includes('alerter ready') ? true : undefined),
      30_000,
    );
    return alerter;
  };

  beforeAll(async () => {
    // Slack fails the first post; everything after succeeds.
    [bus, slack] = await Promise.all([createTestBus(), startSlackStandIn({ script: [{ status: 500 }] })]);
  });

  afterAll(async () => {
    await Promise.all(running.map(stopService));
    await Promise.all([bus?.cleanup(), slack?.close()]);
  });

  it('delivers the notification exactly once after a restart', async () => {
    const first = await startAlerter();
    const js = createJetStream(bus.nc);
    const now = Date.now();
    for (const event of [breachAt(now - 60_000, 95), breachAt(now, 96)]) {
      await publish(js, bus.names, forecastUpdatedEvent, event);
    }
    await eventually('the first, failing attempt', async () => (slack.requests.length >= 1 ? true : undefined), 30_000);
    // The job now waits for its retry (about 5 s): kill the alerter outright, no shutdown.
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(slack.posts).toHaveLength(0);

    await startAlerter();
    await eventually('the notification delivered', async () => (slack.posts.length >= 1 ? true : undefined), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]!.text).toContain('crash-1');
    expect(slack.requests.map((r) => r.status)).toEqual([500, 200]);
  });
});
