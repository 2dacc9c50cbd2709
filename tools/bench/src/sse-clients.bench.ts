import { createJetStream, publishEvent } from '@autoscale/bus';
import type { ForecastUpdated } from '@autoscale/contracts';
import { forecastEvent } from '@autoscale/db/testing';
import type { BenchEnvironment } from './environment.bench';
import { sleep, summarise } from './stats';

const CLIENTS = 100;
const EVENTS = 50;
/** Events published per second: a busy fleet's forecasts as one gateway sees them. */
const EVENTS_PER_SEC = 25;

/** One `/api/stream` client: records when each forecast (by resource id) arrived. */
async function openClient(base: string, abort: AbortSignal) {
  const arrivals = new Map<string, number>();
  const res = await fetch(`${base}/api/stream`, { signal: abort, headers: { accept: 'text/event-stream' } });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.includes('event: ready')) ready();
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!block.includes('event: forecast') || !data) continue;
        arrivals.set((JSON.parse(data) as { resourceId: string }).resourceId, performance.now());
      }
    }
  })();
  await isReady;
  return arrivals;
}

const event = (k: number): ForecastUpdated =>
  forecastEvent(`sse-${k}`, new Date().toISOString(), { current: 50, slopePerMin: 0 });

/**
 * 100 live clients on the gateway's `/api/stream`; 50 forecasts published at 25/s: for each
 * client and event, the time from the publish to the event's arrival. Returns the latencies
 * (ms) and how many deliveries never came.
 */
export async function sseClients(env: BenchEnvironment, base: string) {
  const abort = new AbortController();
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => openClient(base, abort.signal)));
  const js = createJetStream(env.bus.nc);
  const sentAt = new Map<string, number>();
  for (let k = 0; k < EVENTS; k++) {
    const e = event(k);
    sentAt.set(e.resourceId, performance.now());
    await publishEvent(js, env.bus.names.subjects.forecastUpdated(e.resourceId, e.metric), e, `${e.resourceId}:bench`);
    await sleep(1000 / EVENTS_PER_SEC);
  }
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline && clients.some((c) => c.size < EVENTS)) await sleep(100);
  abort.abort();
  const latencies: number[] = [];
  let missing = 0;
  for (const arrivals of clients) {
    for (const [id, sent] of sentAt) {
      const at = arrivals.get(id);
      if (at === undefined) missing++;
      else latencies.push(at - sent);
    }
  }
  return { clients: CLIENTS, events: EVENTS, missing, ...summarise(latencies) };
}
