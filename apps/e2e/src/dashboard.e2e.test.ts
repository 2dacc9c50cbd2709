import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { eventually, freePort, getJson } from '@autoscale/testing';
import { launchChromium, startService, stopService, systemEnv, TEST_RESULTS } from './testing/index';
import type { RunningService } from './testing/index';

const RAMPING = 'sim-01';

describe('the dashboard in a real browser, against the running system', () => {
  let bus: TestBus;
  const database = testDatabaseUrl();
  let origin: string;
  let browser: Browser;
  let page: Page;
  const services: RunningService[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    bus = await createTestBus();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const env = {
      ...systemEnv(bus, database.url, port),
      POLL_INTERVAL_SECONDS: '1',
      SIM_RESOURCES: '2',
      SIM_SEED: '7',
      BACKFILL_HOURS: '0.05',
      FORECAST_WINDOW_MIN: '0.5',
    };
    for (const name of ['api-gateway', 'forecaster', 'alerter', 'collector']) services.push(startService(name, env));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(services.map(stopService));
    await Promise.all([bus?.cleanup(), database.drop()]);
  });

  const withLogs = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      for (const s of services) console.error(`--- ${s.name} ---\n${s.output.join('').slice(-3000)}`);
      throw error;
    }
  };

  it('lists every resource on the overview, worst first, with its status', async () => {
    await withLogs(() =>
      eventually(
        'an alert for the ramping machine',
        async () => {
          const res = await getJson<{ alerts: Array<{ resourceId: string }> }>(`${origin}/api/alerts`);
          return res.body.alerts.some((a) => a.resourceId === RAMPING) ? true : undefined;
        },
        180_000,
      ),
    );
    const started = Date.now();
    await page.goto(`${origin}/`);
    await page.waitForSelector(`tr[data-resource="${RAMPING}"]`);
    const loadMs = Date.now() - started;

    // Every resource the API lists has its row.
    const { body } = await getJson<{ resources: unknown[] }>(`${origin}/api/resources`);
    // A machine first sampled after the page loaded shows at the next resource-list refresh (10 s).
    await expect
      .poll(() => page.locator('table.resources tbody tr').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(body.resources.length);
    expect(body.resources.length).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.badge').first().textContent()).toMatch(/breach|ok|warming up|silenced/);
    expect(loadMs).toBeLessThan(10_000);
    await page.getByLabel('Filter').fill(RAMPING);
    await expect.poll(() => page.locator('table.resources tbody tr').count()).toBe(1);
    await page.screenshot({ path: `${TEST_RESULTS}/dashboard-overview.png` });
  });

  it('shows the resource with a chart of its samples, the forecast band and its alerts', async () => {
    await page.goto(`${origin}/#/resource/${RAMPING}`);
    const cpu = page.locator('figure.chart[data-metric="cpu"]');
    await expect
      .poll(async () => Number(await cpu.getAttribute('data-samples')), { timeout: 20_000 })
      .toBeGreaterThan(10);
    await expect
      .poll(async () => Number(await cpu.getAttribute('data-forecast-points')), { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(await cpu.locator('canvas').count()).toBe(1);
    expect(await cpu.locator('.chart-key').textContent()).toContain('80 % band');
    expect(await page.locator('tr.alert-row').count()).toBeGreaterThan(0);
    expect(await cpu.locator('figcaption').textContent()).toMatch(/model \w+/);
    await page.screenshot({ path: `${TEST_RESULTS}/dashboard-resource.png`, fullPage: true });
  });

  it('draws a new forecast that arrives over the live stream, without reloading', async () => {
    // A marker on the document: it survives only if the page is not reloaded.
    await page.evaluate('document.documentElement.dataset.sameDocument = "yes"');
    const cpu = page.locator('figure.chart[data-metric="cpu"]');
    const before = await cpu.getAttribute('data-generated-at');
    const samplesBefore = Number(await cpu.getAttribute('data-samples'));

    await expect.poll(() => cpu.getAttribute('data-generated-at'), { timeout: 20_000 }).not.toBe(before);
    expect(Number(await cpu.getAttribute('data-samples'))).toBeGreaterThan(samplesBefore);
    expect(await page.locator('html').getAttribute('data-same-document')).toBe('yes');
    expect(await page.locator('#live').textContent()).toBe('live');
  });

  it('shows the API docs with every operation of /api/openapi.json, fetching nothing from elsewhere', async () => {
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (/^https?:/.test(url) && new URL(url).origin !== origin) elsewhere.push(url);
    });
    type Operations = Record<string, Record<string, unknown>>;
    const { body } = await getJson<{ paths: Operations; webhooks?: Operations }>(`${origin}/api/openapi.json`);
    const count = (ops: Operations = {}) => Object.values(ops).reduce((n, path) => n + Object.keys(path).length, 0);
    // The webhook request (WEBHOOK_URL) is shown as an operation too.
    const operations = count(body.paths) + count(body.webhooks);

    await page.goto(`${origin}/api/docs`);

    await expect.poll(() => page.locator('.opblock').count(), { timeout: 20_000 }).toBe(operations);
    expect(operations).toBeGreaterThan(15);
    expect(elsewhere).toEqual([]);
    await page.screenshot({ path: `${TEST_RESULTS}/api-docs.png` });
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
