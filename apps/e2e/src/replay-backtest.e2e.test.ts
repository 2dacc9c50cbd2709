import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durableSpecs } from '@autoscale/bus';
import { createTestBus, durableBacklog } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { findIncidents } from '@autoscale/forecasting';
import { eventually, freePort, getJson } from '@autoscale/testing';
import { startService, stopService, systemEnv } from './testing/index';
import type { RunningService } from './testing/index';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SERIES = 'cpu_utilization_asg_misconfiguration';
const CSV = fileURLToPath(new URL(`../../../data/nab/${SERIES}.csv`, import.meta.url));

type Notification = { ts: string; kind: string; severity: string; breachAt: string | null; model: string };
type Alert = Notification & { forecastAt: string; resourceId: string };

function readSeries() {
  return readFileSync(CSV, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [ts, value] = line.split(',');
      return { t: Date.parse(`${ts!.replace(' ', 'T')}Z`), value: Number(value) };
    });
}

async function backtestNotifications(): Promise<Notification[]> {
  const { stdout } = await promisify(execFile)(
    'node_modules/.bin/tsx',
    ['tools/backtest/src/main.ts', '--csv', CSV, '--threshold', '90', '--lookahead', '60'],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Notification);
}

describe(`replaying ${SERIES} at max speed through the four services`, () => {
  let bus: TestBus;
  const database = testDatabaseUrl();
  const services: RunningService[] = [];
  let api: string;

  beforeAll(async () => {
    // The NAB series ship in the repository's data/ folder.
    expect(existsSync(CSV), `${CSV} is missing`).toBe(true);
    bus = await createTestBus();
    const port = await freePort();
    api = `http://127.0.0.1:${port}/api`;
    const env = {
      ...systemEnv(bus, database.url, port),
      METRICS_PROVIDER: 'replay',
      REPLAY_FILES: CSV,
      REPLAY_SPEED: 'max',
      REPLAY_START: 'original',
      // The series keeps its 2014 timestamps: retention would prune them as they arrive.
      METRICS_RETENTION_DAYS: '0',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    for (const name of ['api-gateway', 'forecaster', 'alerter', 'collector']) services.push(startService(name, env));
  });

  afterAll(async () => {
    await Promise.all(services.map(stopService));
    await Promise.all([bus?.cleanup(), database.drop()]);
  });

  it('stores and forecasts every sample', { timeout: 420_000 }, async () => {
    const expected = readSeries().length;
    const samples = await eventually(
      'every replayed sample in the metrics table',
      async () => {
        const { body } = await getJson<{ resources: Array<{ resourceId: string; samples: number }> }>(
          `${api}/resources`,
        );
        const found = body.resources.find((r) => r.resourceId === SERIES)?.samples;
        return found === expected ? found : undefined;
      },
      300_000,
    );
    expect(samples).toBe(expected);
    // …and forecast: the forecaster's latest forecast is made from the last recorded sample.
    const last = new Date(readSeries().at(-1)!.t).toISOString();
    const generatedAt = await eventually(
      'a forecast of the last replayed sample',
      async () => {
        const { body } = await getJson<{ forecasts: Array<{ metric: string; generatedAt: string }> }>(
          `${api}/forecast?resource_id=${SERIES}&points=false`,
        );
        const cpu = body.forecasts.find((f) => f.metric === 'cpu')?.generatedAt;
        return cpu === last ? cpu : undefined;
      },
      120_000,
    );
    expect(generatedAt).toBe(last);
  });

  it(
    'sends exactly the notifications the backtest prints, and alerts every saturation',
    { timeout: 420_000 },
    async () => {
      await eventually(
        'every consumer caught up',
        async () => {
          for (const { stream, durable } of durableSpecs(bus.names)) {
            const backlog = await durableBacklog(bus.nc, stream, durable);
            if (backlog.pending > 0 || backlog.ackPending > 0) return undefined;
          }
          return true;
        },
        300_000,
      );

      const { body } = await getJson<{ alerts: Alert[] }>(`${api}/alerts?limit=500`);
      const throughServices = body.alerts
        .map((a) => ({ ts: a.forecastAt, kind: a.kind, severity: a.severity, breachAt: a.breachAt, model: a.model }))
        .sort((a, b) => a.ts.localeCompare(b.ts));
      const fromBacktest = await backtestNotifications();
      expect(fromBacktest.length).toBeGreaterThan(10);
      expect(throughServices).toEqual(fromBacktest);

      // Every saturation (as the backtest scores them) got a forecast or breach notification
      // at most lookahead + 15 minutes before it started, or within two polls after.
      const incidents = findIncidents(readSeries(), 90);
      expect(incidents.length).toBeGreaterThan(10);
      const unalerted = incidents.filter(
        (start) =>
          !throughServices.some(
            (n) =>
              (n.kind === 'forecast' || n.kind === 'breach') &&
              Date.parse(n.ts) >= start - 75 * 60_000 &&
              Date.parse(n.ts) <= start + 10 * 60_000,
          ),
      );
      expect(unalerted.map((t) => new Date(t).toISOString())).toEqual([]);
    },
  );
});
