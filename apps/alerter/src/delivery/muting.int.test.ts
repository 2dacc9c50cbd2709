import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { eventually, startSlackStandIn } from '@autoscale/testing';
import { createSlackChannel } from '../channels/slack.channel';
import { alertStream, forecastAt, startAlerterReplica } from '../testing/alerter-harness';

const STEP = 5 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('silences and acks', () => {
  let bus: TestBus;
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  let replica: Awaited<ReturnType<typeof startAlerterReplica>>;

  beforeAll(async () => {
    [bus, slack] = await Promise.all([createTestBus(), startSlackStandIn()]);
    // Renotify every 10 minutes, so an open episode repeats within a test.
    replica = await startAlerterReplica(bus, [createSlackChannel(slack.url)], {
      params: { renotifyMin: 10 },
      maxAgeMs: 2 * 3_600_000,
    });
  });
  afterAll(async () => {
    await replica.stop();
    await Promise.all([bus.cleanup(), slack.close()]);
  });

  const alertsOf = async (resourceId: string) =>
    (await alertStream(bus)).alerts.filter((a) => a.resourceId === resourceId);
  const postsAbout = (resourceId: string) => slack.posts.filter((p) => p.text.includes(`${resourceId}:`));

  it('records a silenced alert as silenced and never delivers it; after the silence ends, alerts go out again', async () => {
    const now = Date.now();
    await replica.silences.putSilence({
      v: 1,
      id: 'maint-1',
      resource: 'batch-*',
      metric: 'cpu',
      startsAt: iso(now - 60_000),
      endsAt: iso(now + 2_000),
      comment: 'maintenance',
      createdBy: 'ops',
      createdAt: iso(now),
    });
    await replica.handle(forecastAt('batch-1', now - 2 * STEP, 95, 0));
    await replica.handle(forecastAt('batch-1', now - STEP, 96, 0));
    const [silenced] = await alertsOf('batch-1');
    expect(silenced).toMatchObject({ kind: 'breach', suppressed: 'silenced', deliveries: [] });

    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await replica.handle(forecastAt('batch-2', Date.now() - STEP, 95, 0));
    await replica.handle(forecastAt('batch-2', Date.now(), 96, 0));
    await eventually(
      'the alert after the silence ended delivered',
      async () => (postsAbout('batch-2').length === 1 ? true : undefined),
      15_000,
    );
    expect(postsAbout('batch-1')).toHaveLength(0);
  });

  it('stops re-notifying an acknowledged episode until it resolves, and sends the resolved notice', async () => {
    const t0 = Date.now() - 14 * STEP;
    await replica.handle(forecastAt('api-1', t0, 95, 0));
    await replica.handle(forecastAt('api-1', t0 + STEP, 96, 0));
    const [first] = await alertsOf('api-1');
    await eventually(
      'the first breach delivered',
      async () => (postsAbout('api-1').length === 1 ? true : undefined),
      15_000,
    );
    await replica.silences.putAck({
      v: 1,
      episodeId: first!.episodeId!,
      ackedBy: 'ops',
      comment: '',
      at: iso(Date.now()),
    });

    // Still breaching for 25 more minutes: two re-notifications due, both held by the ack.
    for (let i = 2; i <= 6; i++) await replica.handle(forecastAt('api-1', t0 + i * STEP, 97, 0));
    // Then clear for 40 minutes: resolved.
    for (let i = 7; i <= 14; i++) await replica.handle(forecastAt('api-1', t0 + i * STEP, 40, null));

    const alerts = await alertsOf('api-1');
    expect(alerts.map((a) => [a.kind, a.suppressed ?? 'sent'])).toEqual([
      ['breach', 'sent'],
      ['breach', 'acknowledged'],
      ['breach', 'acknowledged'],
      ['resolved', 'sent'],
    ]);
    await eventually(
      'the resolved notice delivered',
      async () => (postsAbout('api-1').length === 2 ? true : undefined),
      15_000,
    );
  });
});
