import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { eventually, freePort, getJson } from '@autoscale/testing';
import { launchChromium, startService, stopService, systemEnv, TEST_RESULTS, withServiceLogs } from './testing/index';
import type { RunningService } from './testing/index';

type Decision = {
  forecastAt: string;
  action: string;
  current: number;
  desired: number;
  forecastCapacity: number;
  currentUtilization: number | null;
  expectedUtilization: number | null;
  reason: string;
  execute: boolean;
};
type Point = { ts: string; cpuMax: number | null };

/** The simulator ramps sim-01 into saturation every 48 one-second polls. */
const RAMPING = 'sim-01';
const THRESHOLD = 90;

describe('the scaler in recommend mode beside the simulator', () => {
  let bus: TestBus;
  const database = testDatabaseUrl();
  let api: string;
  let origin: string;
  let browser: Browser | undefined;
  const services: RunningService[] = [];

  beforeAll(async () => {
    bus = await createTestBus();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    api = `${origin}/api`;
    const dir = await mkdtemp(join(tmpdir(), 'scaler-e2e-'));
    const targets = join(dir, 'targets.yaml');
    // Lead 0.1 min: six one-second polls, the simulator's scale for "five minutes of boot".
    await writeFile(
      targets,
      `targets:\n  - name: sim\n    members: "${RAMPING}"\n    metric: cpu\n    targetUtilization: 70\n    minCapacity: 1\n    maxCapacity: 10\n    leadMin: 0.1\n    actuator: {type: keda}\n`,
    );
    const env = {
      ...systemEnv(bus, database.url, port),
      POLL_INTERVAL_SECONDS: '1',
      SIM_RESOURCES: '2',
      SIM_SEED: '7',
      BACKFILL_HOURS: '0.02',
      FORECAST_WINDOW_MIN: '0.5',
      THRESHOLD_CPU: String(THRESHOLD),
      SCALE_TARGETS_FILE: targets,
      SCALE_MODE: 'recommend',
    };
    for (const name of ['api-gateway', 'forecaster', 'scaler', 'collector']) services.push(startService(name, env));
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(services.map(stopService));
    await Promise.all([bus?.cleanup(), database.drop()]);
  });

  it('asks for capacity before the ramp crosses its threshold, and only recommends', () =>
    withServiceLogs(services, async () => {
      const { crossing, decisions } = await eventually(
        'a ramp crossing the threshold after the scaler started deciding',
        async () => {
          const [history, metrics] = await Promise.all([
            getJson<{ decisions: Decision[] }>(`${api}/scaling/sim/decisions?limit=2000`),
            getJson<{ points: Point[] }>(`${api}/metrics?resource_id=${RAMPING}&range=1h&step=2`),
          ]);
          if (history.status !== 200 || metrics.status !== 200) return undefined;
          const all = [...history.body.decisions].reverse();
          const first = all[0];
          if (!first) return undefined;
          // Two-second buckets by their highest sample, dated at their start: the crossing is never later than it was.
          const points = metrics.body.points.filter((p) => p.cpuMax !== null);
          // The first upward crossing of the threshold after the first decision.
          const crossingAt = points.findIndex(
            (p, i) =>
              i > 0 &&
              Date.parse(p.ts) > Date.parse(first.forecastAt) &&
              p.cpuMax! >= THRESHOLD &&
              points[i - 1]!.cpuMax! < THRESHOLD,
          );
          if (crossingAt < 0) return undefined;
          const crossing = points[crossingAt]!;
          // Judge only once the decisions have caught up with the crossing (backfilled forecasts arrive in a burst).
          const caughtUp = Date.parse(all.at(-1)!.forecastAt) >= Date.parse(crossing.ts);
          return caughtUp ? { crossing, decisions: all } : undefined;
        },
        150_000,
      );
      const crossedAt = Date.parse(crossing.ts);
      // The ramp's first scale-out: within the 20 polls before the crossing.
      const ahead = decisions.filter(
        (d) =>
          d.action === 'scale-out' &&
          Date.parse(d.forecastAt) < crossedAt &&
          Date.parse(d.forecastAt) > crossedAt - 20_000,
      );
      expect(
        ahead.length,
        `decisions before ${crossing.ts}: ${JSON.stringify(decisions.filter((d) => Math.abs(Date.parse(d.forecastAt) - crossedAt) < 25_000).map((d) => [d.forecastAt.slice(14, 19), d.action, d.currentUtilization, d.expectedUtilization]))}`,
      ).toBeGreaterThan(0);
      const firstAhead = ahead[0]!;
      expect(firstAhead.currentUtilization!).toBeLessThan(THRESHOLD);
      expect(firstAhead.desired).toBeGreaterThan(firstAhead.current);
      expect(firstAhead.reason).toMatch(/^expected .* > target 70% on 1: \d+/);
      // Recommend mode: decided and shown, never executed, and KEDA is told nothing above the minimum.
      expect(decisions.every((d) => !d.execute)).toBe(true);
      const value = await getJson<{ desiredReplicas: number; mode: string }>(`${api}/scale/sim`);
      expect(value.body).toMatchObject({ desiredReplicas: 1, mode: 'recommend' });
    }));

  it("shows the target's page in a browser: capacity against expected utilisation, the decisions with their reasons", () =>
    withServiceLogs(services, async () => {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${origin}/#/scaling`);
      await page.getByRole('link', { name: 'sim', exact: true }).click();
      await page.waitForSelector('figure.chart canvas');
      expect(await page.locator('h1').textContent()).toMatch(/^sim recommend/);
      expect(await page.locator('figure.chart').getAttribute('aria-label')).toBe(
        'Capacity and expected utilisation of sim',
      );
      const rows = page.locator('table.decisions tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      expect(await rows.first().textContent()).toMatch(/scale-out.*expected .* > target 70% on 1/);
      expect(await page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
      await page.screenshot({ path: `${TEST_RESULTS}/dashboard-scaling.png`, fullPage: true });
      expect(pageErrors).toEqual([]);
    }));
});
