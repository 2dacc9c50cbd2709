import { afterEach, describe, expect, it } from 'vitest';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { eventually, startSlackStandIn, startSmtpStandIn } from '@autoscale/testing';
import type { SlackAnswer } from '@autoscale/testing';
import { createEmailChannel } from '../channels/email.channel';
import { createSlackChannel } from '../channels/slack.channel';
import type { Channel } from '../channels/channel';
import { alertStream, finalStatuses, forecastAt, startAlerterReplica } from '../testing/alerter-harness';

const STEP = 5 * 60_000;

/** Two breach samples in a row for `resourceId`, ending now: one `breach` notification. */
async function breach(replica: Awaited<ReturnType<typeof startAlerterReplica>>, resourceId: string) {
  const t = Date.now() - STEP;
  await replica.handle(forecastAt(resourceId, t, 95, 0));
  await replica.handle(forecastAt(resourceId, t + STEP, 96, 0));
}

describe('alert delivery', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(channels: (bus: TestBus) => Channel[], opts: Parameters<typeof startAlerterReplica>[2] = {}) {
    const bus = await createTestBus();
    cleanups.push(() => bus.cleanup());
    const replica = await startAlerterReplica(bus, channels(bus), opts);
    cleanups.push(() => replica.stop());
    const outcome = (channel: string) =>
      eventually(
        `the ${channel} delivery outcome`,
        async () => {
          const final = [...finalStatuses((await alertStream(bus)).updates).values()];
          return final.find((u) => u.channel === channel);
        },
        20_000,
      );
    return { bus, replica, outcome };
  }

  async function slackWith(script: SlackAnswer[]) {
    const slack = await startSlackStandIn({ script });
    cleanups.push(() => slack.close());
    return slack;
  }

  it('delivers once after Slack answers 500, recording both attempts', async () => {
    const slack = await slackWith([{ status: 500 }]);
    const { replica, outcome } = await setUp(() => [createSlackChannel(slack.url)]);
    await breach(replica, 'web-500');
    expect(await outcome('slack')).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(slack.posts).toHaveLength(1);
    expect(slack.requests.map((r) => r.status)).toEqual([500, 200]);
  });

  it('waits the Retry-After Slack gives with a 429 before trying again', async () => {
    const slack = await slackWith([{ status: 429, headers: { 'Retry-After': '2' } }]);
    const { replica, outcome } = await setUp(() => [createSlackChannel(slack.url)], { initialRetryMs: 50 });
    await breach(replica, 'web-429');
    expect(await outcome('slack')).toMatchObject({ status: 'delivered', attempts: 2 });
    const [first, second] = slack.requests;
    // The backoff alone would retry after ~50 ms; the header asks for 2 s.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1_900);
    expect(slack.posts).toHaveLength(1);
  });

  it('records a Slack 400 as failed at once, without retrying', async () => {
    const slack = await slackWith([{ status: 400 }]);
    const { replica, outcome } = await setUp(() => [createSlackChannel(slack.url)]);
    await breach(replica, 'web-400');
    expect(await outcome('slack')).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: expect.stringContaining('400'),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(slack.requests).toHaveLength(1);
  });

  it('gives up when Slack keeps failing past the give-up time, recording the last error', async () => {
    const slack = await startSlackStandIn({ failWith: 503 });
    cleanups.push(() => slack.close());
    const { replica, outcome } = await setUp(() => [createSlackChannel(slack.url)], {
      giveUpMs: 1_500,
      initialRetryMs: 200,
    });
    await breach(replica, 'web-503');
    const final = await outcome('slack');
    expect(final).toMatchObject({ status: 'failed', error: expect.stringContaining('503') });
    expect(final.attempts).toBeGreaterThanOrEqual(2);
    expect(slack.requests.length).toBe(final.attempts);
  });

  it('retries an e-mail refused with SMTP 451 and delivers it once', async () => {
    const smtp = await startSmtpStandIn({ script: [451] });
    cleanups.push(() => smtp.close());
    const email = () =>
      createEmailChannel({
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        from: 'a@test.local',
        to: 'b@test.local',
      });
    const { replica, outcome } = await setUp(() => [email()]);
    await breach(replica, 'web-451');
    expect(await outcome('email')).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(smtp.mails).toHaveLength(1);
  });

  it('records an e-mail refused with SMTP 550 as failed, without retrying', async () => {
    const smtp = await startSmtpStandIn({ script: [550] });
    cleanups.push(() => smtp.close());
    const email = () =>
      createEmailChannel({
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        from: 'a@test.local',
        to: 'b@test.local',
      });
    const { replica, outcome } = await setUp(() => [email()]);
    await breach(replica, 'web-550');
    expect(await outcome('email')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(smtp.attempts()).toBe(1);
  });

  it('keeps delivering e-mail while Slack waits out a long Retry-After', async () => {
    const slack = await slackWith([{ status: 429, headers: { 'Retry-After': '30' } }]);
    const smtp = await startSmtpStandIn();
    cleanups.push(() => smtp.close());
    const { replica, outcome } = await setUp(() => [
      createSlackChannel(slack.url),
      createEmailChannel({
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        from: 'a@test.local',
        to: 'b@test.local',
      }),
    ]);
    await breach(replica, 'web-slow');
    expect(await outcome('email')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(slack.posts).toHaveLength(0);
  });
});
