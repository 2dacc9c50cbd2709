import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { testDatabaseUrl } from '@autoscale/db/testing';
import { eventually, freePort, getJson } from '@autoscale/testing';
import { stopService, systemEnv } from './testing/index';
import type { RunningService } from './testing/index';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The simulated machines, not this host: what the demo promises must not hang on how loaded the host is. */
const simulated = (resourceId: string) => resourceId.startsWith('sim-');

type Forecasts = { forecasts: Array<{ resourceId: string; metric: string; breachAt: string | null }> };
type Alerts = { alerts: Array<{ resourceId: string; kind: string; status: string; suppressed?: string | null }> };

/** `npm run demo` after its build: `node scripts/start-all.mjs --demo`, as one process. */
describe('npm run demo', () => {
  let bus: TestBus;
  const database = testDatabaseUrl();
  let demo: RunningService | undefined;

  afterAll(async () => {
    if (demo) await stopService(demo);
    await Promise.all([bus?.cleanup(), database.drop()]);
  });

  it('shows a predicted breach and a sent alert of a simulated machine within 60 s of starting', async () => {
    bus = await createTestBus();
    const port = await freePort();
    const started = Date.now();
    const child = spawn(process.execPath, ['scripts/start-all.mjs', '--demo'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', ...systemEnv(bus, database.url, port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    demo = { name: 'demo', child, output };
    const api = `http://127.0.0.1:${port}/api`;
    const secondsSinceStart = () => Math.round((Date.now() - started) / 100) / 10;

    try {
      const breach = await eventually(
        'a predicted breach',
        async () => {
          const res = await getJson<Forecasts>(`${api}/forecast`).catch(() => undefined);
          return res?.status === 200
            ? res.body.forecasts.find((f) => f.breachAt !== null && simulated(f.resourceId))
            : undefined;
        },
        60_000,
      );
      const breachAfter = secondsSinceStart();
      const alert = await eventually(
        'an alert that was not suppressed',
        async () => {
          const res = await getJson<Alerts>(`${api}/alerts?limit=500`).catch(() => undefined);
          return res?.status === 200
            ? res.body.alerts.find((a) => a.kind !== 'resolved' && !a.suppressed && simulated(a.resourceId))
            : undefined;
        },
        Math.max(1_000, 60_000 - (Date.now() - started)),
      );
      const alertAfter = secondsSinceStart();
      console.log(
        `demo: predicted breach of ${breach.resourceId} ${breach.metric} after ${breachAfter} s; ${alert.kind} alert of ${alert.resourceId} after ${alertAfter} s`,
      );
      expect(alertAfter).toBeLessThanOrEqual(60);
      expect(output.join('')).toContain('a predicted breach and an alert show within a minute');
    } catch (error) {
      console.error(output.join('').slice(-6000));
      throw error;
    }
  });
});
