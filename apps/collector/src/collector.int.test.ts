import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRawNats as connect } from '@autoscale/bus/testing';
import type { NatsConnection } from '@autoscale/bus/testing';
import { jetstream, jetstreamManager } from '@autoscale/bus/testing';
import type { JetStreamManager } from '@autoscale/bus/testing';
import { busNames } from '@autoscale/contracts';
import { ensureBus } from '@autoscale/bus';
import { startNatsServer } from '@autoscale/bus/testing';
import type { TestNatsServer } from '@autoscale/bus/testing';
import { createCounters } from '@autoscale/observability';
import { runCollector } from './collector';
import { createLocalProvider } from './providers/local/local.provider';
import { createSamplePublisher } from './sample-publisher';
import { captureLogger } from '@autoscale/testing';

const INTERVAL_MS = 1_000;
let nats: TestNatsServer;
let nc: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  jsm = await jetstreamManager(nc);
});
afterAll(async () => {
  await nc?.close();
  await nats?.dispose();
});

/** Every stored sample time per resource, in stream order. */
async function storedTimes(names: ReturnType<typeof busNames>) {
  const byResource = new Map<string, number[]>();
  const info = await jsm.streams.info(names.streams.metrics);
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    const msg = await jsm.streams.getMessage(names.streams.metrics, { seq });
    const event = msg?.json<{ resourceId: string; ts: string }>();
    if (!event) continue;
    byResource.set(event.resourceId, [...(byResource.get(event.resourceId) ?? []), Date.parse(event.ts)]);
  }
  return byResource;
}

/** Runs the collector on a simulator; `during` gets the time to act while it runs. */
async function runWith(
  opts: { bufferMax: number; namespace: string },
  during: (recovered: () => boolean) => Promise<void>,
) {
  const names = busNames(opts.namespace);
  await ensureBus(nc, names, { replicas: 1 });
  const { log, lines } = captureLogger();
  const counters = createCounters();
  const provider = createLocalProvider({ simResources: 2, simSeed: 7, intervalMs: INTERVAL_MS, maxHistorySamples: 5 });
  const publisher = createSamplePublisher({
    js: jetstream(nc),
    jsm,
    names,
    provider: provider.name,
    log,
    counters,
    bounds: { now: Date.now, maxClockSkewSec: 300 },
  });
  const abort = new AbortController();
  const started = Date.now();
  const running = runCollector(
    { provider, publisher, intervalMs: INTERVAL_MS, backfillHours: 0.001, bufferMax: opts.bufferMax, log, counters },
    abort.signal,
  );
  await during(() => lines.some((l) => l.msg === 'publishing again; buffer flushed'));
  const stopAsked = Date.now();
  abort.abort();
  await running;
  return { names, counters, lines, started, stopMs: Date.now() - stopAsked };
}

const gaps = (times: number[]) => times.slice(1).filter((t, i) => t - (times[i] ?? t) !== INTERVAL_MS).length;

/** Stops NATS for `outageMs` after a few polls, and returns once the collector published again. */
const outage = (outageMs: number) => async (recovered: () => boolean) => {
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  await nats.stop();
  await new Promise((resolve) => setTimeout(resolve, outageMs));
  await nats.start();
  await expect.poll(recovered, { timeout: 30_000, interval: 250 }).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
};

describe('collector through a NATS outage', () => {
  it('stores every poll made while NATS was down, once, with no gap, and stops promptly', async () => {
    const run = await runWith({ bufferMax: 10_000, namespace: 'outage_buffer' }, outage(4_000));

    const stored = await storedTimes(run.names);
    expect(stored.size).toBe(3);
    for (const [resource, times] of stored) {
      expect(new Set(times).size, resource).toBe(times.length);
      // Complete, not always in order: under load a sample caught by the outage can be stored
      // after newer ones (README, "No gaps from outages").
      expect(gaps([...times].sort((a, b) => a - b)), resource).toBe(0);
      expect(Math.max(...times) - Math.min(...times), resource).toBeGreaterThanOrEqual(7 * INTERVAL_MS);
    }
    expect(run.counters.get('publish_outages')).toBeGreaterThanOrEqual(1);
    expect(run.counters.get('buffer_dropped')).toBe(0);
    expect(run.stopMs).toBeLessThan(3_000);
  }, 60_000);

  it('when the buffer overflows, re-reads the simulated machines from history so they have no gap, and counts what the host lost', async () => {
    const run = await runWith({ bufferMax: 3, namespace: 'outage_overflow' }, outage(4_000));

    const stored = await storedTimes(run.names);
    const simulated = [...stored].filter(([id]) => id.startsWith('sim-') || !id.startsWith('local-'));
    expect(simulated).toHaveLength(2);
    for (const [resource, times] of simulated) {
      expect(new Set(times).size, resource).toBe(times.length);
      expect(gaps([...times].sort((a, b) => a - b)), resource).toBe(0);
    }
    expect(run.counters.get('buffer_dropped')).toBeGreaterThan(0);
    expect(run.counters.get('gaps_reread')).toBeGreaterThanOrEqual(1);
    expect(run.lines.filter((l) => String(l.msg).startsWith('sample buffer full'))).toHaveLength(1);
  }, 60_000);
});
