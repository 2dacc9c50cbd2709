import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertTestReply } from '@autoscale/contracts';
import { createJetStream, ensureBus, publisher } from '@autoscale/bus';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { createCounters, createLogger } from '@autoscale/observability';
import { startSlackStandIn } from '@autoscale/testing';
import { createSlackChannel } from './channels/slack.channel';
import { serveTestAlerts } from './test-alert.responder';

describe('serveTestAlerts', () => {
  let bus: TestBus;
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  let subscription: { unsubscribe(): void };

  beforeAll(async () => {
    [bus, slack] = await Promise.all([createTestBus(), startSlackStandIn()]);
    await ensureBus(bus.nc, bus.names, { replicas: 1 });
    const js = createJetStream(bus.nc);
    subscription = serveTestAlerts(bus.nc, {
      channels: [createSlackChannel(slack.url)],
      names: bus.names,
      publish: publisher(js, bus.names),
      log: createLogger('alerter-test', 'silent'),
      counters: createCounters(),
    });
  });
  afterAll(async () => {
    subscription.unsubscribe();
    await Promise.all([bus.cleanup(), slack.close()]);
  });

  const ask = async (payload: string) =>
    AlertTestReply.parse((await bus.nc.request(bus.names.subjects.alertTest, payload, { timeout: 5_000 })).json());
  const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

  it('sends a valid request with a deadline on every channel and replies with the result', async () => {
    const reply = await ask(JSON.stringify({ requestedBy: 'ops', deadline: inSeconds(10) }));
    expect('alert' in reply && reply.alert.deliveries).toEqual([
      expect.objectContaining({ channel: 'slack', status: 'delivered' }),
    ]);
    expect(slack.posts).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{nope'],
    ['without a deadline', JSON.stringify({ requestedBy: 'ops' })],
  ])('refuses a request that is %s, sending nothing', async (_case, payload) => {
    const before = slack.requests.length;
    const reply = await ask(payload);
    expect(reply).toEqual({ error: expect.stringContaining('invalid test-alert request') });
    expect(slack.requests.length).toBe(before);
  });

  it('drops a request whose deadline has passed, unanswered and unsent', async () => {
    const before = slack.requests.length;
    await expect(ask(JSON.stringify({ deadline: inSeconds(-1) }))).rejects.toThrow();
    expect(slack.requests.length).toBe(before);
  });
});
