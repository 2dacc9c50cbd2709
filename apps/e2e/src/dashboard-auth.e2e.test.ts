import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { forecastUpdatedEvent, metricSampledEvent } from '@autoscale/contracts';
import { createJetStream, publish } from '@autoscale/bus';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { eventually, freePort } from '@autoscale/testing';
import { flatForecast, launchChromium, startService, stopService, systemEnv, withServiceLogs } from './testing/index';
import type { RunningService } from './testing/index';

const API_TOKEN = 'e2e-dashboard-reads-5d0c8e21f4a7';
const RESOURCE = 'locked-1';

describe('the dashboard with API_AUTH=all: reads and the live stream carry the token the page asked for', () => {
  let bus: TestBus;
  const database = testDatabaseUrl();
  let origin: string;
  let browser: Browser;
  const services: RunningService[] = [];

  beforeAll(async () => {
    bus = await createTestBus();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    services.push(
      startService('api-gateway', {
        ...systemEnv(bus, database.url, port),
        LOG_LEVEL: 'info',
        API_TOKEN,
        API_AUTH: 'all',
      }),
    );
    await withServiceLogs(services, () =>
      eventually(
        'the gateway ready',
        async () => (services[0]!.output.join('').includes('api-gateway ready') ? true : undefined),
        60_000,
      ),
    );
    const js = createJetStream(bus.nc);
    await publish(js, bus.names, metricSampledEvent, {
      v: 1,
      provider: 'local',
      resourceId: RESOURCE,
      ts: new Date().toISOString(),
      metrics: { cpu: 41 },
    });
    await publish(js, bus.names, forecastUpdatedEvent, flatForecast(RESOURCE, Date.now(), 41));
    const authorized = { headers: { authorization: `Bearer ${API_TOKEN}` } };
    await eventually(
      'the resource projected',
      async () => {
        const res = await fetch(`${origin}/api/resources`, authorized);
        return res.ok && JSON.stringify(await res.json()).includes(RESOURCE) ? true : undefined;
      },
      30_000,
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(services.map(stopService));
    await Promise.all([bus?.cleanup(), database.drop()]);
  });

  const open = async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const urls: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/`);
    return { page, urls, errors };
  };
  const giveToken = async (page: Page, token: string) => {
    await page.locator('#token-dialog[open]').waitFor({ timeout: 10_000 });
    await page.locator('#token-input').fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
  };

  it('asks once for the token, then shows the resources and goes live; the token is never in a URL', async () => {
    const { page, urls, errors } = await open();
    await giveToken(page, API_TOKEN);
    await page.locator(`tr[data-resource="${RESOURCE}"]`).waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('#live').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
    // One dialog for every read refused at once: it is closed and not asked again.
    expect(await page.locator('#token-dialog[open]').count()).toBe(0);

    // The stream is the authorised one: a new forecast reaches the row shown.
    await publish(createJetStream(bus.nc), bus.names, forecastUpdatedEvent, flatForecast(RESOURCE, Date.now(), 77.5));
    await expect
      .poll(() => page.locator(`tr[data-resource="${RESOURCE}"]`).textContent(), { timeout: 10_000 })
      .toContain('77.5');
    expect(urls.filter((url) => url.includes(API_TOKEN))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks again when the token given is refused, and the page works once the right one is given', async () => {
    const { page } = await open();
    await giveToken(page, 'not-the-token-at-all');
    await giveToken(page, API_TOKEN);
    // The refused first reads are made again by the overview's refresh (every 10 s).
    await page.locator(`tr[data-resource="${RESOURCE}"]`).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('#live').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
    await page.close();
  });
});
