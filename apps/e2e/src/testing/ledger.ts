import { metricSampledSchema } from '@autoscale/contracts';
import type { FaultSystem } from './fault-system';

/** What the ledger reads: a system's bus client and its database. */
export type LedgerSource = Pick<FaultSystem, 'jsm' | 'js' | 'names' | 'sql'>;

const TICK_MS = 1_000;

export type Ledger = {
  /** Valid samples in METRICS older than 5 s (each distinct: the stream dedupes by id). */
  published: number;
  /** Of those, how many are rows of the read model. */
  stored: number;
  /** Every message in METRICS, refused ones included. */
  messages: number;
  /** Valid samples older than 5 s that are in METRICS but not in the read model. */
  unstored: number;
  /** Samples (resource, time) published more than once past deduplication. */
  doubled: number;
  /** Missing one-second ticks inside each simulated series, summed. */
  lost: number;
  /** Missing ticks of the real host (not re-readable while the collector is down). */
  hostLost: number;
  /** Rows in the alerts table. */
  notifications: number;
  /** Resources whose newest forecast is older than their newest sample by more than 10 s. */
  unforecast: string[];
  /** Raw text of every event in the three streams, for the secrets grep. */
  rawEvents: string[];
};

/** Reads every message of `stream` with an ordered consumer. */
async function readStream(sys: LedgerSource, stream: string): Promise<string[]> {
  const jsm = await sys.jsm();
  const info = await jsm.streams.info(stream);
  if (info.state.messages === 0) return [];
  const consumer = await sys.js().consumers.get(stream);
  const out: string[] = [];
  const messages = await consumer.consume();
  for await (const msg of messages) {
    out.push(msg.string());
    if (msg.seq >= info.state.last_seq) break;
  }
  return out;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

const gapsIn = (times: number[]) => {
  const sorted = [...new Set(times)].sort((a, b) => a - b);
  let gaps = 0;
  for (let i = 1; i < sorted.length; i++) gaps += Math.round(((sorted[i] ?? 0) - (sorted[i - 1] ?? 0)) / TICK_MS) - 1;
  return gaps;
};

/** What the streams and the read model hold right now, counted as the reliability report wants. */
export async function takeLedger(sys: LedgerSource): Promise<Ledger> {
  const [metricEvents, forecastEvents, alertEvents] = await Promise.all([
    readStream(sys, sys.names.streams.metrics),
    readStream(sys, sys.names.streams.forecasts),
    readStream(sys, sys.names.streams.alerts),
  ]);
  const now = Date.now();
  const valid = metricSampledSchema({ now: () => now, maxClockSkewSec: 300 });
  const seen = new Map<string, number>();
  const settled: string[] = [];
  for (const raw of metricEvents) {
    const parsed = parseJson(raw);
    const e = valid.safeParse(parsed);
    if (!e.success) continue;
    const key = `${e.data.resourceId}|${Date.parse(e.data.ts)}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (Date.parse(e.data.ts) < now - 5_000) settled.push(key);
  }
  const rows = await sys.sql<{ resource_id: string; ts: Date }[]>`select resource_id, ts from metrics`;
  const inDb = new Set(rows.map((r) => `${r.resource_id}|${r.ts.getTime()}`));
  const byResource = new Map<string, number[]>();
  for (const r of rows) byResource.set(r.resource_id, [...(byResource.get(r.resource_id) ?? []), r.ts.getTime()]);
  const simulated = [...byResource].filter(([id]) => id.startsWith('sim-'));
  const host = [...byResource].filter(([id]) => id.startsWith('local-'));
  const newest = await sys.sql<{ resource_id: string; sample: Date; forecast: Date | null }[]>`
    select m.resource_id, max(m.ts) as sample, (select max(f.generated_at) from forecasts f where f.resource_id = m.resource_id) as forecast
    from metrics m group by m.resource_id`;
  const [{ count: notifications } = { count: 0 }] = await sys.sql<
    { count: number }[]
  >`select count(*)::int as count from alerts`;
  return {
    published: settled.length,
    stored: settled.filter((k) => inDb.has(k)).length,
    messages: metricEvents.length,
    unstored: settled.filter((k) => !inDb.has(k)).length,
    doubled: [...seen.values()].filter((n) => n > 1).length,
    lost: simulated.reduce((sum, [, times]) => sum + gapsIn(times), 0),
    hostLost: host.reduce((sum, [, times]) => sum + gapsIn(times), 0),
    notifications,
    unforecast: newest
      .filter((r) => r.resource_id.startsWith('sim-') || r.resource_id.startsWith('local-'))
      .filter((r) => !r.forecast || r.sample.getTime() - r.forecast.getTime() > 10_000)
      .map((r) => r.resource_id),
    rawEvents: [...metricEvents, ...forecastEvents, ...alertEvents],
  };
}

/** Sum of redeliveries over every durable of the system's streams (those its services created). */
export async function redeliveries(sys: FaultSystem): Promise<{ redelivered: number; pending: number }> {
  const jsm = await sys.jsm();
  const existing = new Set<string>();
  for await (const name of jsm.streams.names()) existing.add(name);
  let redelivered = 0;
  let pending = 0;
  for (const stream of Object.values(sys.names.streams).filter((name) => existing.has(name))) {
    for await (const c of jsm.consumers.list(stream)) {
      redelivered += c.num_redelivered;
      pending += c.num_pending + c.num_ack_pending;
    }
  }
  return { redelivered, pending };
}
