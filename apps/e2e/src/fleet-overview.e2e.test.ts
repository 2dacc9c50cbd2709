import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { upsertForecasts, upsertMetricSamples } from '@autoscale/db';
import { forecastEvent, migratedTestDatabase, sampleEvent } from '@autoscale/db/testing';
import { eventually, freePort, getJson } from '@autoscale/testing';
import { launchChromium, startService, stopService, systemEnv, TEST_RESULTS } from './testing/index';
import type { RunningService } from './testing/index';

const FLEET = 10_000;
const BATCH = 1_000;

/** 10,000 machines stored, one in a hundred forecast to breach; each has a forecast but the last 50. */
async function storeFleet(db: Awaited<ReturnType<typeof migratedTestDatabase>>['db']) {
  const now = Date.now() - 60_000;
  const at = new Date(now).toISOString();
  const ids = Array.from({ length: FLEET }, (_, i) => `vm-${String(i).padStart(5, '0')}`);
  for (let i = 0; i < FLEET; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    await upsertMetricSamples(
      db,
      batch.map((id, j) => sampleEvent(id, at, j % 3 === 0 ? 'gcp' : 'aws', { team: `t${j % 7}` })),
    );
    await upsertForecasts(
      db,
      batch
        .filter((id) => id < `vm-${FLEET - 50}`)
        .map((id, j) => {
          const breachInMin = (i + j) % 100 === 0 ? 10 + ((i + j) % 50) : null;
          return forecastEvent(id, at, {
            current: 35,
            breachInMin,
            breachAt: breachInMin === null ? null : new Date(now + breachInMin * 60_000).toISOString(),
          });
        }),
    );
  }
}

describe('the overview with 10,000 machines stored, in Chromium', () => {
  let bus: TestBus;
  let database: Awaited<ReturnType<typeof migratedTestDatabase>>;
  let gateway: RunningService;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    [bus, database] = await Promise.all([createTestBus(), migratedTestDatabase()]);
    await storeFleet(database.db);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    gateway = startService('api-gateway', systemEnv(bus, database.url, port));
    await eventually(
      'the gateway answering',
      async () => ((await getJson(`${origin}/api/health`).catch(() => null))?.status ? true : undefined),
      60_000,
    );
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (gateway) await stopService(gateway);
    await Promise.all([bus?.cleanup(), database?.close()]);
  });

  it(
    'shows the worst machines first within moments of opening, building only the rows in view',
    { timeout: 120_000 },
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const pageReads: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/api/resources') pageReads.push(request.url());
      });
      const started = Date.now();
      await page.goto(`${origin}/`);
      await page.locator('table.resources tbody tr[data-resource]').first().waitFor({ timeout: 30_000 });
      const firstPaintMs = Date.now() - started;
      // The page's entry asks for the first page before the rest of its code loads; the overview
      // shows that answer instead of asking again.
      expect(pageReads).toEqual([`${origin}/api/resources?limit=50`]);
      console.info(`overview: first row of ${FLEET} machines after ${firstPaintMs} ms`);

      const first = await page.locator('table.resources tbody tr[data-resource]').first().getAttribute('data-resource');
      expect(await page.locator('table.resources tbody tr[data-resource] .badge').first().textContent()).toMatch(
        /forecast breach/,
      );
      expect(first).toBe('vm-00000');
      expect(await page.locator('table.resources tbody tr[data-resource]').count()).toBeLessThanOrEqual(50);
      expect(await page.getByText(`of ${FLEET} resources`).count()).toBe(1);
      await page.screenshot({ path: `${TEST_RESULTS}/fleet-overview.png` });
      // Generous for a shared CI machine; `npm run bench` measures it against its 1 s target.
      expect(firstPaintMs).toBeLessThan(5_000);

      await page.getByLabel('Filter').fill('vm-0999*');
      await expect.poll(() => page.getByText('of 10 resources').count(), { timeout: 10_000 }).toBe(1);
      expect(pageErrors).toEqual([]);
      await page.close();
    },
  );
});
