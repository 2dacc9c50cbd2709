import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { eventually, startSlackStandIn } from '@autoscale/testing';
import { createSlackChannel } from './channels/slack.channel';
import { handleForecastUpdated } from './forecast-updated.handler';
import { alertStream, forecastAt, startAlerterReplica } from './testing/alerter-harness';

const MIN = 60_000;
const POLL = 5 * MIN;
const MAX_AGE = 10 * MIN;

/**
 * An incident already in progress when the alerter first sees fresh forecasts — at start,
 * after a backfill, or after an outage longer than ALERT_MAX_AGE_MIN — is paged once, within
 * two polls of the first fresh forecast; an incident already over is not.
 */
describe('an episode whose notification was suppressed as stale', () => {
  let bus: TestBus;
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  let replica: Awaited<ReturnType<typeof startAlerterReplica>>;

  beforeAll(async () => {
    [bus, slack] = await Promise.all([createTestBus(), startSlackStandIn()]);
    replica = await startAlerterReplica(bus, [createSlackChannel(slack.url)], { maxAgeMs: MAX_AGE });
  });
  afterAll(async () => {
    await replica.stop();
    await Promise.all([bus.cleanup(), slack.close()]);
  });

  const alertsOf = async (resourceId: string) =>
    (await alertStream(bus)).alerts.filter((a) => a.resourceId === resourceId);
  const postsAbout = (resourceId: string) => slack.posts.filter((p) => p.text.includes(`${resourceId}:`));

  /**
   * Forecasts every poll from `from` to now, with the value (and a crossing `inMin` ahead)
   * `phase` gives. Each is handled as it is made, except during the outage `[down, back)`
   * (down = from: the alerter's start), whose backlog is handled at `back`: the part of it
   * older than ALERT_MAX_AGE_MIN is stale. Returns the time of the first fresh forecast after it.
   */
  async function run(
    resourceId: string,
    [down, back]: [number, number],
    from: number,
    phase: (t: number) => [number, number | null],
  ) {
    let firstFresh: number | undefined;
    for (let t = from; t <= Date.now(); t += POLL) {
      const now = t >= down && t < back ? back : t + 2_000;
      if (firstFresh === undefined && t >= down && now - t <= MAX_AGE) firstFresh = t;
      const [value, inMin] = phase(t);
      await handleForecastUpdated(forecastAt(resourceId, t, value, inMin), { ...replica.deps, now: () => now });
    }
    return firstFresh!;
  }
  const sentOf = async (resourceId: string) => (await alertsOf(resourceId)).filter((a) => !a.suppressed);

  it('pages a saturation in progress at start within two polls of the first fresh forecast, once, in the episode the backfill opened', async () => {
    const now = Date.now();
    // Started now with a three-hour backfill, saturated throughout.
    const firstFresh = await run('db-1', [now - 3 * 60 * MIN, now], now - 3 * 60 * MIN, () => [95, 0]);
    const alerts = await alertsOf('db-1');
    expect(alerts[0]).toMatchObject({ kind: 'breach', suppressed: 'stale' });
    const sent = await sentOf('db-1');
    expect(sent.map((a) => [a.kind, a.severity, a.episodeId])).toEqual([['breach', 'critical', alerts[0]!.episodeId]]);
    expect(Date.parse(sent[0]!.forecastAt!)).toBeLessThanOrEqual(firstFresh + 2 * POLL);
    await eventually(
      'one Slack post about db-1',
      async () => (postsAbout('db-1').length === 1 ? true : undefined),
      15_000,
    );
    expect(postsAbout('db-1')[0]!.text).toContain('db-1: CPU is at 95.0%');
  });

  it('pages a breach forecast in progress at start as a warning', async () => {
    const now = Date.now();
    const firstFresh = await run('web-1', [now - 60 * MIN, now], now - 60 * MIN, () => [80, 30]);
    const sent = await sentOf('web-1');
    expect(sent.map((a) => [a.kind, a.severity])).toEqual([['forecast', 'warning']]);
    expect(Date.parse(sent[0]!.forecastAt!)).toBeLessThanOrEqual(firstFresh + 2 * POLL);
  });

  it('pages a saturation that began during an outage longer than ALERT_MAX_AGE_MIN within two polls of the first fresh forecast, once', async () => {
    const now = Date.now();
    const outageStart = now - 90 * MIN;
    const back = now - 5 * POLL;
    // Quiet and live before the outage, saturated during it and after.
    const firstFresh = await run('db-2', [outageStart, back], now - 2 * 60 * MIN, (t) =>
      t < outageStart ? [40, null] : [97, 0],
    );
    const alerts = await alertsOf('db-2');
    expect(alerts[0]).toMatchObject({ kind: 'breach', suppressed: 'stale' });
    const sent = await sentOf('db-2');
    expect(sent.map((a) => a.kind)).toEqual(['breach']);
    expect(Date.parse(sent[0]!.forecastAt!)).toBeLessThanOrEqual(firstFresh + 2 * POLL);
    await eventually(
      'one Slack post about db-2',
      async () => (postsAbout('db-2').length === 1 ? true : undefined),
      15_000,
    );
  });

  it('does not page again after an outage an episode that was paged before it', async () => {
    const now = Date.now();
    await run('db-3', [now - 90 * MIN, now - 5 * POLL], now - 2 * 60 * MIN, (t) =>
      t < now - 100 * MIN ? [40, null] : [97, 0],
    );
    expect((await alertsOf('db-3')).map((a) => [a.kind, a.suppressed ?? 'sent'])).toEqual([['breach', 'sent']]);
  });

  it('sends nothing about a saturation that was over before the first fresh forecast, nor its end', async () => {
    const now = Date.now();
    // Saturated until 30 minutes before the alerter started, then quiet: the episode is still
    // open (waiting out ALERT_CLEAR_MIN) when fresh forecasts arrive, and resolves among them.
    const back = now - 8 * POLL;
    await run('db-4', [now - 3 * 60 * MIN, back], now - 3 * 60 * MIN, (t) =>
      t < back - 30 * MIN ? [95, 0] : [40, null],
    );
    expect((await alertsOf('db-4')).map((a) => [a.kind, a.suppressed])).toEqual([
      ['breach', 'stale'],
      ['resolved', 'stale'],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(postsAbout('db-4')).toHaveLength(0);
  });
});
