import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { committedSamples, drained, handledMessages } from './consumers.bench';
import { startCpuMeter } from './cpu.bench';
import { benchEnvironment } from './environment.bench';
import type { BenchEnvironment } from './environment.bench';
import { overviewFirstPaint } from './overview-paint.bench';
import type { BenchRow } from './report';
import { logTails, startBuilt, startGateway, stopBuilt } from './services.bench';
import type { BenchService } from './services.bench';
import { sseClients } from './sse-clients.bench';
import { sleep, summarise, waitUntil } from './stats';

/** Machines replayed by default: the issue's 10,000 × 12 replay (fewer only to iterate, `--machines`). */
export const MACHINES = 10_000;
/** Recorded one-minute samples per machine. */
const SAMPLES = 12;

type Fleet = { machines: number; total: number; scenario: string };

const fleetOf = (machines: number): Fleet => ({
  machines,
  total: machines * SAMPLES,
  scenario: `6 fleet, ${machines.toLocaleString('en-US')} machines replayed (${(machines * SAMPLES).toLocaleString('en-US')} samples)`,
});

/** `machines` recordings of 12 one-minute samples, one CSV per machine. */
function writeRecordings(machines: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
  const start = Date.UTC(2026, 0, 1);
  for (let m = 0; m < machines; m++) {
    const lines = Array.from(
      { length: SAMPLES },
      (_, i) => `${new Date(start + i * 60_000).toISOString()},${20 + ((m * 7 + i * 13) % 60)}`,
    );
    writeFileSync(join(dir, `vm-${String(m).padStart(5, '0')}.csv`), `timestamp,value\n${lines.join('\n')}\n`);
  }
  return dir;
}

/** Resident memory of a process, from /proc (bytes). */
function rssOf(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** One client, one request at a time, after a warm-up: latency and size of each answer. */
async function timedGets(url: (i: number) => string, count = 200, headers: Record<string, string> = {}) {
  for (let i = 0; i < 10; i++) await (await fetch(url(i), { headers })).arrayBuffer();
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(url(i), { headers });
    size = (await res.arrayBuffer()).byteLength;
    times.push(performance.now() - started);
  }
  return { ...summarise(times), size };
}

/** Replays the fleet through the built collector at REPLAY_SPEED=max into the forecaster and gateway. */
async function replay(
  env: BenchEnvironment,
  fleet: Fleet,
  consumers: BenchService[],
  rows: BenchRow[],
  sustained: number | undefined,
  log: (line: string) => void,
) {
  const { total, scenario } = fleet;
  const dir = writeRecordings(fleet.machines);
  const collector = startBuilt('collector', env, {
    METRICS_PROVIDER: 'replay',
    REPLAY_FILES: `${dir}/*.csv`,
    REPLAY_SPEED: 'max',
    REPLAY_START: 'now',
  });
  try {
    const cpu = startCpuMeter(
      Object.fromEntries([...consumers, collector].map((service) => [service.name, service.child.pid])),
    );
    const names = env.bus.names;
    const stream = () => env.jsm.streams.info(names.streams.metrics);
    // On a loaded machine a JetStream API request may time out: that poll saw nothing yet.
    await waitUntil(
      'every replayed sample published',
      async () => ((await stream().catch(() => null))?.state.messages ?? 0) >= total,
      300_000,
      250,
    );
    const { state } = await stream();
    const publishSeconds = (Date.parse(state.last_ts) - Date.parse(state.first_ts)) / 1000;
    const forecaster = names.durables.forecaster(0);
    // When each side was done, after the first message: which of them the end-to-end rate waited for.
    const doneAfter: { stored?: number; forecast?: number } = {};
    const since = (side: 'stored' | 'forecast', done: boolean) => {
      if (done) doneAfter[side] ??= (Date.now() - Date.parse(state.first_ts)) / 1000;
      return done;
    };
    await waitUntil(
      'every replayed sample stored and forecast',
      async () => {
        const [stored, forecast] = await Promise.all([
          committedSamples(env).then((n) => since('stored', n >= total)),
          drained(env, names.streams.metrics, forecaster)
            .catch(() => false)
            .then((done) => since('forecast', done)),
        ]);
        return stored && forecast;
      },
      300_000,
      250,
    ).catch((error: unknown) => {
      logTails([...consumers, collector], log);
      throw error;
    });
    const endToEndSeconds = (Date.now() - Date.parse(state.first_ts)) / 1000;
    const forecast = await handledMessages(env, names.streams.metrics, [forecaster], total);
    // A forecaster starved of CPU loses its partition lease and rebuilds the partition's series from the stream.
    const losses =
      consumers
        .flatMap((c) => c.log)
        .join('')
        .split('partition lease lost').length - 1;
    const cpuUse = `${cpu.summary()}${losses > 0 ? `; the forecaster lost its partition lease ${losses} times` : ''}`;
    log(
      `fleet replay: published in ${publishSeconds.toFixed(1)} s, stored after ${doneAfter.stored?.toFixed(1)} s, forecast (${forecast}) after ${doneAfter.forecast?.toFixed(1)} s; ${cpuUse}`,
    );
    rows.push({
      scenario,
      measure: 'replay at max speed: collector publish rate (stream first → last message)',
      value: total / publishSeconds,
      unit: 'samples/s',
    });
    rows.push({
      scenario,
      measure: 'replay at max speed: every sample a committed row and forecast',
      value: total / endToEndSeconds,
      unit: 'samples/s',
      limit: sustained,
      limitLabel: 'pipeline sustained rate, R = 10,000, 1 forecaster (same run); target ≥ 80 %',
      note: `every sample stored after ${doneAfter.stored?.toFixed(1)} s, forecast after ${doneAfter.forecast?.toFixed(1)} s; ${cpuUse}`,
    });
  } finally {
    await stopBuilt([collector]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A fleet of 10,000 machines: replayed at max speed through the built collector, forecaster
 * and gateway (compared with the pipeline's sustained rate of the same run); the forecaster's
 * RSS per series; then, with those 10,000 resources stored, the overview's read
 * (`/api/resources` first page), its first paint in Chromium, and 100 live clients.
 */
export async function fleetScenario(ctx: {
  sustained: number | undefined;
  machines?: number;
  rows: BenchRow[];
  log: (line: string) => void;
}) {
  const { rows, log } = ctx;
  const fleet = fleetOf(ctx.machines ?? MACHINES);
  const { machines, scenario } = fleet;
  const env = await benchEnvironment({ partitions: 1 });
  const { service: gateway, base } = await startGateway(env, { LOG_LEVEL: 'error' });
  const forecaster = startBuilt('forecaster', env);
  try {
    await waitUntil(
      'the gateway answering',
      async () => (await fetch(`${base}/api/config`).catch(() => null))?.ok === true,
      60_000,
    );
    await sleep(3_000); // let the forecaster bind its durable
    const idleRss = rssOf(forecaster.child.pid);
    await replay(env, fleet, [gateway, forecaster], rows, ctx.sustained, log);
    const rss = rssOf(forecaster.child.pid);
    rows.push({
      scenario,
      measure: `forecaster RSS with ${machines.toLocaleString('en-US')} series (measured)`,
      value: rss / 2 ** 20,
      unit: 'MiB',
      note: `idle ${Math.round(idleRss / 2 ** 20)} MiB`,
    });
    rows.push({
      scenario,
      measure: 'forecaster RSS growth per series (measured)',
      value: (rss - idleRss) / machines / 1024,
      unit: 'KiB',
      limit: 10,
      limitLabel: 'state target',
    });

    const page = await timedGets(() => `${base}/api/resources`);
    rows.push({
      scenario,
      measure: '/api/resources first page p99, one client',
      value: page.p99,
      unit: 'ms',
      limit: 20,
      limitLabel: 'target',
      note: `p50 ${page.p50.toFixed(1)} ms`,
    });
    rows.push({
      scenario,
      measure: '/api/resources first page size',
      value: page.size / 1000,
      unit: 'KB',
      limit: 50,
      limitLabel: 'target',
    });
    // Each a query not asked before: what the first reader of an answer waits for PostgreSQL.
    const uncached = await timedGets(
      (i) => `${base}/api/resources?limit=${1 + (i % 500)}&sort=${i % 2 ? 'id' : 'worst'}`,
      100,
    );
    rows.push({
      scenario,
      measure: '/api/resources page not read before (PostgreSQL sort of 10,000), p99',
      value: uncached.p99,
      unit: 'ms',
      note: `p50 ${uncached.p50.toFixed(1)} ms`,
    });
    const etag = (await fetch(`${base}/api/resources`)).headers.get('etag') ?? '';
    const unchanged = await timedGets(() => `${base}/api/resources`, 200, { 'if-none-match': etag });
    rows.push({
      scenario,
      measure: '/api/resources unchanged (If-None-Match → 304) p99',
      value: unchanged.p99,
      unit: 'ms',
      note: `${unchanged.size} B`,
    });

    const paint = await overviewFirstPaint(base);
    log(
      `fleet overview: first paint ${paint.first.toFixed(0)} ms (median ${paint.median.toFixed(0)} ms), ${paint.rowsBuilt} rows built; first page ${paint.reads.join(' | ')} ms`,
    );
    rows.push({
      scenario,
      measure: 'overview first paint with data in Chromium (first of 3 opens)',
      value: paint.first,
      unit: 'ms',
      limit: 1000,
      limitLabel: 'target',
      note: `median ${paint.median.toFixed(0)} ms; ${paint.rowsBuilt} rows in the DOM`,
    });

    const sse = await sseClients(env, base);
    log(`fleet sse: ${JSON.stringify(sse)}`);
    rows.push({
      scenario,
      measure: `${sse.clients} SSE clients × ${sse.events} forecasts: slowest delivery`,
      value: sse.max,
      unit: 'ms',
      limit: 1000,
      limitLabel: 'target (every event within 1 s)',
      note: `p50 ${sse.p50.toFixed(0)} ms, p99 ${sse.p99.toFixed(0)} ms; ${sse.missing} of ${sse.clients * sse.events} deliveries missing`,
    });
  } catch (error) {
    // A gateway or forecaster that went away leaves only "fetch failed" here: print what it said.
    logTails([gateway, forecaster], log);
    throw error;
  } finally {
    await stopBuilt([gateway, forecaster]);
    await env.close();
  }
}
