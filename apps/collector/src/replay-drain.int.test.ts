import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJetStream } from '@autoscale/bus';
import type { JetStreamManager } from '@autoscale/bus';
import { createTestBus, readStream } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { createCounters } from '@autoscale/observability';
import { runCollector } from './collector';
import { createReplayProvider } from './providers/replay/replay.provider';
import { createSamplePublisher } from './sample-publisher';
import { captureLogger } from '@autoscale/testing';

const SERIES = 40;
const ROWS = 150;

/** `SERIES` recordings of `ROWS` one-minute samples each. */
function recordings(): string {
  const dir = mkdtempSync(join(tmpdir(), 'replay-drain-'));
  for (let s = 0; s < SERIES; s++) {
    const lines = Array.from(
      { length: ROWS },
      (_, i) => `${new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString()},${(s + i) % 90}`,
    );
    writeFileSync(join(dir, `vm-${s}.csv`), `timestamp,value\n${lines.join('\n')}\n`);
  }
  return dir;
}

describe('collector replaying at max speed', () => {
  let bus: TestBus;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    bus = await createTestBus();
    jsm = await bus.bus.ensure();
  });
  afterAll(() => bus.cleanup());

  it(
    'stores every recorded sample once, each series in time order, through a window of publishes in flight',
    { timeout: 60_000 },
    async () => {
      const { log } = captureLogger();
      const counters = createCounters();
      const provider = createReplayProvider({ files: ['*.csv'], cwd: recordings(), speed: 'max', start: 'now', log });
      const publisher = createSamplePublisher({
        js: createJetStream(bus.nc),
        jsm,
        names: bus.names,
        provider: provider.name,
        log,
        counters,
        bounds: { now: Date.now, maxClockSkewSec: 300 },
      });

      await runCollector(
        { provider, publisher, intervalMs: 60_000, backfillHours: 0, publishInFlight: 64, log, counters },
        new AbortController().signal,
      );

      const stored = await readStream(bus.nc, bus.names.streams.metrics);
      expect(stored).toHaveLength(SERIES * ROWS);
      expect(counters.get('published')).toBe(SERIES * ROWS);
      const bySeries = new Map<string, number[]>();
      for (const { json } of stored) {
        const event = json as { resourceId: string; ts: string };
        bySeries.set(event.resourceId, [...(bySeries.get(event.resourceId) ?? []), Date.parse(event.ts)]);
      }
      expect(bySeries.size).toBe(SERIES);
      for (const [id, times] of bySeries) expect(times, id).toEqual([...times].sort((a, b) => a - b));
    },
  );
});
