import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@autoscale/testing';
import { badEvents } from './testing/bad-events';
import { SECRETS, SERVICES, startFaultSystem } from './testing/fault-system';
import type { FaultSystem, ServiceName } from './testing/fault-system';
import { fuzzRequests } from './testing/http-fuzzer';
import { redeliveries, takeLedger } from './testing/ledger';
import type { Ledger } from './testing/ledger';

// Written under the ignored test-results/ so `npm test` leaves the tree clean; set
// RELIABILITY_FIGURES=docs/reliability-figures.json to update the figures docs/RELIABILITY.md quotes.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIGURES = `${ROOT}${process.env['RELIABILITY_FIGURES'] ?? 'test-results/reliability-figures.json'}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Row = {
  fault: string;
  done: string;
  published: number;
  stored: number;
  doubled: number;
  lost: number;
  hostLost: number;
  notifications: number;
  recoverySec: number;
  notes?: Record<string, unknown>;
};

let sys: FaultSystem;
const rows: Row[] = [];
const responses: string[] = [];
let before: Ledger;

/** Status, time and body of one request; the body is kept for the secrets grep. */
async function probe(path: string, init?: RequestInit) {
  const started = performance.now();
  try {
    const res = await fetch(`${sys.api}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
    const body = await res.text();
    responses.push(body);
    return { status: res.status, ms: performance.now() - started, body };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, body: String(error) };
  }
}

/**
 * Waits until the system is whole again: health 200, every valid sample older than 5 s in
 * the read model, every machine forecast from its newest samples. Returns seconds taken.
 */
async function settled(since: number, timeoutMs = 90_000): Promise<{ seconds: number; ledger: Ledger }> {
  const ledger = await dumpOnFailure(() =>
    eventually(
      'the system to recover',
      async () => {
        const health = await probe('/health');
        if (health.status !== 200) return undefined;
        const l = await takeLedger(sys);
        return l.unstored === 0 && l.unforecast.length === 0 && l.lost === 0 ? l : undefined;
      },
      timeoutMs,
    ),
  );
  return { seconds: Math.round((Date.now() - since) / 100) / 10, ledger };
}

async function dumpOnFailure<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const l = await takeLedger(sys).catch(() => null);
    console.error('ledger', l && { ...l, rawEvents: l.rawEvents.length });
    for (const s of sys.services.values()) console.error(`--- ${s.name} ---\n${s.output.join('').slice(-3000)}`);
    throw error;
  }
}

function record(fault: string, done: string, after: Ledger, recoverySec: number, notes?: Record<string, unknown>) {
  rows.push({
    fault,
    done,
    published: after.published - before.published,
    stored: after.stored - before.stored,
    doubled: after.doubled,
    lost: after.lost,
    hostLost: after.hostLost - before.hostLost,
    notifications: after.notifications - before.notifications,
    recoverySec,
    ...(notes ? { notes } : {}),
  });
  before = after;
}

/** The usual verdict after a fault: nothing lost or doubled, everything stored and forecast. */
function expectWhole(l: Ledger) {
  expect(l.doubled).toBe(0);
  expect(l.lost).toBe(0);
  expect(l.unstored).toBe(0);
  expect(l.unforecast).toEqual([]);
}

beforeAll(async () => {
  sys = await startFaultSystem();
  before = (await settled(Date.now(), 120_000)).ledger;
}, 180_000);

afterAll(async () => {
  const previous = (() => {
    try {
      return JSON.parse(readFileSync(FIGURES, 'utf8')) as object;
    } catch {
      return {};
    }
  })();
  mkdirSync(dirname(FIGURES), { recursive: true });
  writeFileSync(FIGURES, `${JSON.stringify({ ...previous, measuredAt: new Date().toISOString(), rows }, null, 2)}\n`);
  await sys?.stop();
}, 60_000);

describe('the system under faults (four services as processes, own NATS, PostgreSQL behind a proxy)', () => {
  it.each(SERVICES.map((s) => [s] as [ServiceName]))(
    'loses and doubles nothing when %s is SIGKILLed mid-run and restarted',
    async (name) => {
      sys.services.get(name)?.child.kill('SIGKILL');
      await sleep(3_000);
      const restarted = Date.now();
      sys.start(name);
      const { seconds, ledger } = await settled(restarted);
      expectWhole(ledger);
      record(`SIGKILL ${name}`, 'killed -9 mid-run, restarted after 3 s', ledger, seconds);
    },
  );

  it('catches up with nothing lost when NATS is stopped 20 s and restarted on the same store', async () => {
    await sys.nats.stop();
    const during = [];
    for (let i = 0; i < 4; i++) {
      await sleep(4_000);
      during.push(await probe('/health'), await probe('/resources'));
    }
    await sleep(4_000);
    const restarted = Date.now();
    await sys.nats.start();
    const { seconds, ledger } = await settled(restarted);
    expectWhole(ledger);
    const health = during.filter((_, i) => i % 2 === 0);
    const reads = during.filter((_, i) => i % 2 === 1);
    expect(health.every((r) => r.status === 503 && r.ms < 2_000)).toBe(true);
    expect(reads.every((r) => r.status === 200 && r.ms < 2_000)).toBe(true);
    record('NATS down', 'nats-server stopped 20 s, restarted on the same store', ledger, seconds, {
      healthMaxMs: Math.round(Math.max(...health.map((r) => r.ms))),
      readsStatus: [...new Set(reads.map((r) => r.status))],
    });
  });

  it('answers 503 within 2 s while PostgreSQL is cut for 30 s, then stores everything', async () => {
    await sys.proxy.close();
    const during = [];
    for (let i = 0; i < 5; i++) {
      await sleep(5_000);
      during.push(
        ...(await Promise.all(['/health', '/resources', '/metrics', '/alerts', '/forecast'].map((p) => probe(p)))),
      );
    }
    await sleep(4_000);
    const restored = Date.now();
    await sys.proxy.start();
    const { seconds, ledger } = await settled(restored);
    expectWhole(ledger);
    expect(during.every((r) => r.status === 503)).toBe(true);
    const maxMs = Math.max(...during.map((r) => r.ms));
    expect(maxMs).toBeLessThan(2_000);
    record('PostgreSQL down', 'TCP proxy closed 30 s (connections cut and refused)', ledger, seconds, {
      max503Ms: Math.round(maxMs),
    });
  });

  it('absorbs the backlog without a redelivery storm when the gateway is paused 30 s (SIGSTOP)', async () => {
    const gateway = sys.services.get('api-gateway')!.child;
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${gateway.pid}/status`, 'utf8'))?.[1] ?? 0);
    const rssBefore = rss();
    const { redelivered: redeliveredBefore } = await redeliveries(sys);
    gateway.kill('SIGSTOP');
    await sleep(30_000);
    const resumed = Date.now();
    gateway.kill('SIGCONT');
    const { seconds, ledger } = await settled(resumed);
    expectWhole(ledger);
    const { redelivered } = await redeliveries(sys);
    const rssAfter = rss();
    expect(rssAfter).toBeLessThan(Math.max(rssBefore * 2, rssBefore + 100_000));
    record('gateway paused', 'SIGSTOP 30 s, then SIGCONT', ledger, seconds, {
      redeliveredDuring: redelivered - redeliveredBefore,
      rssKbBefore: rssBefore,
      rssKbAfter: rssAfter,
    });
  });

  it('refuses every bad-event class on every subject, stores none, redelivers none forever, and keeps forecasting the machine', async () => {
    const bad = badEvents(sys.names, 'sim-01');
    const sent = Date.now();
    for (const e of bad) sys.nc.publish(e.subject, e.data);
    await sys.nc.flush();
    const { seconds, ledger } = await settled(sent);
    expectWhole(ledger);
    const stored = await sys.sql<{ n: number }[]>`
      select (select count(*) from metrics where ts > now() + interval '1 hour' or ts < '2000-01-01' or resource_id like 'bad-%' or cpu > 100)::int
           + (select count(*) from forecasts where generated_at > now() + interval '1 hour' or current < -1e6)::int
           + (select count(*) from alerts where id like 'bad-alert%')::int as n`;
    expect(stored[0]?.n).toBe(0);
    const first = await redeliveries(sys);
    await sleep(6_000);
    const second = await redeliveries(sys);
    expect(second.redelivered - first.redelivered).toBe(0);
    const forecastAfter = await sys.sql<
      { t: Date }[]
    >`select max(generated_at) as t from forecasts where resource_id = 'sim-01'`;
    expect(forecastAfter[0]?.t.getTime()).toBeGreaterThan(sent);
    record(
      'bad events',
      `${bad.length} events published raw: ${bad.map((b) => `${b.family}: ${b.what}`).join('; ')}`,
      ledger,
      seconds,
      {
        sent: bad.length,
        storedBad: stored[0]?.n,
        redeliveredAfter: second.redelivered - first.redelivered,
      },
    );
  });

  it('answers 2,000 fuzzed requests with no 5xx but 503 and no stack trace', async () => {
    const requests = fuzzRequests(2_000, 20261129);
    const results: Array<{ status: number; body: string; path: string }> = [];
    const started = Date.now();
    for (let i = 0; i < requests.length; i += 8) {
      const chunk = requests.slice(i, i + 8);
      results.push(
        ...(await Promise.all(
          chunk.map(async (req) => {
            const r = await probe(req.path.replace(/^\/api/, ''), {
              method: req.method,
              headers: req.headers,
              ...(req.body === undefined ? {} : { body: req.body }),
            });
            return { status: r.status, body: r.body, path: req.path };
          }),
        )),
      );
    }
    const fiveHundreds = results.filter((r) => r.status >= 500 && r.status !== 503);
    const traces = results.filter((r) => /\n\s+at .+:\d+:\d+/.test(r.body));
    const failed = results.filter((r) => r.status === 0);
    expect(fiveHundreds.map((r) => `${r.status} ${r.path}`)).toEqual([]);
    expect(traces.map((r) => r.path)).toEqual([]);
    expect(failed.map((r) => r.path)).toEqual([]);
    const { ledger } = await settled(Date.now());
    const statuses: Record<string, number> = {};
    for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    record(
      'HTTP fuzz',
      `${results.length} requests (random routes, methods, parameters, bodies) in ${Math.round((Date.now() - started) / 1000)} s`,
      ledger,
      0,
      { statuses },
    );
  });

  it('never shows a secret in any response, log line or event', async () => {
    const ledger = await takeLedger(sys);
    const logs = sys.logs.join('');
    const places = { responses: responses.join('\n'), logs, events: ledger.rawEvents.join('\n') };
    const leaks = Object.entries(places).flatMap(([where, text]) =>
      Object.entries(SECRETS)
        .filter(([, secret]) => text.includes(secret))
        .map(([name]) => `${name} in ${where}`),
    );
    expect(leaks).toEqual([]);
    record(
      'secrets grep',
      `4 known secrets searched in ${responses.length} responses, ${logs.split('\n').length} log lines, ${ledger.rawEvents.length} events`,
      ledger,
      0,
      { leaks: leaks.length },
    );
  });
});
