import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { forecastUpdatedEvent, metricSampledEvent } from '@autoscale/contracts';
import type { ForecastUpdated } from '@autoscale/contracts';
import { createJetStream, publish } from '@autoscale/bus';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { AlertsResponse } from '@autoscale/http-contract';
import type { Alert } from '@autoscale/http-contract';
import { eventually, freePort, getJson, startSlackStandIn } from '@autoscale/testing';
import { flatForecast, launchChromium, startService, stopService, systemEnv, TEST_RESULTS } from './testing/index';
import type { RunningService } from './testing/index';

const MIN = 60_000;
/** Breached now: its Slack message's link is followed. */
const LINKED = 'link-1';
/** Breached and resolved ten minutes ago. */
const GONE = 'gone-1';
/** Breached three hours ago, decided now (a backfill): recorded, never sent. */
const OLD = 'old-1';

/** The dashboard link of a Slack post, wherever in the payload it is (button or text). */
const linkIn = (post: unknown) => /https?:\/\/[^"\s<>|]+#\/resource\/[^"\s<>|]+/.exec(JSON.stringify(post))?.[0];

describe('the dashboard and the gateway speaking one contract, in a real browser', () => {
  let bus: TestBus;
  const database = testDatabaseUrl();
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  let origin: string;
  let browser: Browser;
  const services: RunningService[] = [];
  const pageErrors: string[] = [];
  const now = Date.now();

  const openPage = async (context?: BrowserContext): Promise<Page> => {
    const page = await (context ?? browser).newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on(
      'console',
      (message) =>
        message.type() === 'error' &&
        !message.text().includes('Failed to load resource') &&
        pageErrors.push(message.text()),
    );
    return page;
  };
  const alerts = async () =>
    AlertsResponse.parse((await getJson<unknown>(`${origin}/api/alerts?limit=100`)).body).alerts;
  const find = (list: Alert[], resourceId: string, kind: Alert['kind']) =>
    list.find((a) => a.resourceId === resourceId && a.kind === kind);

  beforeAll(async () => {
    [bus, slack] = await Promise.all([createTestBus(), startSlackStandIn()]);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const env = {
      ...systemEnv(bus, database.url, port),
      LOG_LEVEL: 'info',
      SLACK_WEBHOOK_URL: slack.url,
      PUBLIC_URL: origin,
      ALERT_MAX_AGE_MIN: '60',
      ALERT_CLEAR_MIN: '1',
    };
    services.push(startService('api-gateway', env), startService('alerter', env));
    await eventually(
      'the gateway and the alerter ready',
      async () => (services.every((s) => s.output.join('').includes(`${s.name} ready`)) ? true : undefined),
      60_000,
    );
    browser = await launchChromium();

    const js = createJetStream(bus.nc);
    for (const [resourceId, cpu] of [
      [LINKED, 96],
      [GONE, 40],
      [OLD, 50],
    ] as const) {
      await publish(js, bus.names, metricSampledEvent, {
        v: 1,
        provider: 'local',
        resourceId,
        ts: new Date(now).toISOString(),
        metrics: { cpu },
      });
    }
    const series: ForecastUpdated[] = [
      flatForecast(OLD, now - 180 * MIN, 95),
      flatForecast(OLD, now - 179 * MIN, 96),
      flatForecast(GONE, now - 14 * MIN, 95),
      flatForecast(GONE, now - 13 * MIN, 96),
      flatForecast(GONE, now - 12 * MIN, 40),
      flatForecast(GONE, now - 10 * MIN, 40),
      flatForecast(LINKED, now - MIN, 95),
      flatForecast(LINKED, now, 96),
    ];
    for (const event of series) await publish(js, bus.names, forecastUpdatedEvent, event);
    await eventually(
      'the three episodes decided and projected',
      async () => {
        const list = await alerts();
        return find(list, LINKED, 'breach') && find(list, GONE, 'resolved') && find(list, OLD, 'breach')
          ? true
          : undefined;
      },
      60_000,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(services.map(stopService));
    await Promise.all([bus?.cleanup(), slack?.close(), database.drop()]);
  });

  it("follows a real Slack message's link to the resource page, which shows that resource's status at once", async () => {
    const post = await eventually(
      'a Slack post about the breach',
      async () => slack.posts.find((p) => JSON.stringify(p).includes(LINKED)),
      30_000,
    );
    const link = linkIn(post);
    expect(link).toBe(`${origin}/#/resource/${LINKED}`);

    // A fresh browser and no live stream: the status can only come from the page's first reads.
    const context = await browser.newContext();
    await context.route('**/api/stream*', (route) => route.abort());
    const page = await openPage(context);
    await page.goto(link!);

    const badge = page.locator('h1 .badge');
    await expect.poll(() => badge.getAttribute('data-status'), { timeout: 5_000 }).toBe('breached');
    expect(await page.locator('h1').textContent()).toContain(LINKED);
    expect(await page.title()).toContain(LINKED);
    await expect
      .poll(() => page.locator('figure.chart[data-metric="cpu"] figcaption').textContent(), { timeout: 5_000 })
      .toContain('Now 96.0 %');
    await page.screenshot({ path: `${TEST_RESULTS}/dashboard-from-slack.png`, fullPage: true });
    await context.close();
  });

  it('shows the ack on every alert of the episode and keeps Acknowledge disabled, also after a reload', async () => {
    const page = await openPage();
    await page.goto(`${origin}/#/alerts`);
    const breach = find(await alerts(), LINKED, 'breach')!;
    const row = page.locator(`tr.alert-row[data-alert="${breach.id}"]`);
    const button = row.getByRole('button', { name: `Acknowledge the ${LINKED} cpu episode` });
    await expect.poll(() => button.isEnabled(), { timeout: 10_000 }).toBe(true);
    expect(await row.locator('.ack').textContent()).toBe('');

    await button.click();

    await expect
      .poll(() => row.locator('.ack').textContent(), { timeout: 5_000 })
      .toContain('Acknowledged by dashboard');
    expect(await button.isDisabled()).toBe(true);
    expect(await button.textContent()).toBe('Acknowledged');
    expect(find(await alerts(), LINKED, 'breach')).toMatchObject({
      ackedBy: 'dashboard',
      comment: 'acknowledged from the dashboard',
    });

    await page.reload();
    await expect
      .poll(() => row.locator('.ack').textContent(), { timeout: 10_000 })
      .toContain('Acknowledged by dashboard');
    expect(await button.isDisabled()).toBe(true);
    await page.close();
  });

  it("offers no Acknowledge for a resolved episode, and shows a backfilled breach as not sent, at its forecast's time", async () => {
    const list = await alerts();
    const gone = find(list, GONE, 'breach')!;
    const old = find(list, OLD, 'breach')!;
    expect(old).toMatchObject({ status: 'suppressed', suppressed: 'stale' });
    const page = await openPage();
    await page.goto(`${origin}/#/alerts`);

    const goneButton = page
      .locator(`tr.alert-row[data-alert="${gone.id}"]`)
      .getByRole('button', { name: /Acknowledge/ });
    await expect.poll(() => goneButton.textContent(), { timeout: 10_000 }).toBe('Resolved');
    expect(await goneButton.isDisabled()).toBe(true);

    const oldRow = page.locator(`tr.alert-row[data-alert="${old.id}"]`);
    expect(await oldRow.locator('td').nth(5).textContent()).toMatch(/^not sent: its forecast was already old/);
    expect(await oldRow.locator('time.forecast-time').getAttribute('datetime')).toBe(
      new Date(now - 179 * MIN).toISOString(),
    );
    expect(await oldRow.locator('.decided time').getAttribute('datetime')).toBe(old.firedAt);
    expect(Date.parse(old.firedAt)).toBeGreaterThan(now - MIN);
    await page.screenshot({ path: `${TEST_RESULTS}/dashboard-alerts.png`, fullPage: true });
    await page.close();
  });

  it('raised no error in the page, and every answer matched the contract', () => {
    expect(pageErrors).toEqual([]);
  });
});
