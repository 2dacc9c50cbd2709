import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJetStream, ensureBus, publishEvent } from '@autoscale/bus';
import type { JetStreamClient } from '@autoscale/bus';
import type { AlertFired, ForecastUpdated } from '@autoscale/contracts';
import { createTestGateway } from '../testing/test-gateway';
import type { TestGateway } from '../testing/test-gateway';

type SseEvent = { event: string; id?: string; data: string; comment?: boolean };

let gateway: TestGateway;
let js: JetStreamClient;

beforeAll(async () => {
  gateway = await createTestGateway();
  await ensureBus(gateway.bus.nc, gateway.bus.names, { replicas: 1 });
  js = createJetStream(gateway.bus.nc);
});
afterAll(() => gateway?.close());

const forecast = (resourceId: string, current: number): ForecastUpdated => ({
  v: 1,
  resourceId,
  metric: 'cpu',
  generatedAt: new Date(Date.UTC(2026, 0, 1, 0, current)).toISOString(),
  model: 'holt',
  threshold: 90,
  current,
  slopePerMin: 0.5,
  breachAt: null,
  breachInMin: null,
  interval: null,
  points: [],
  samples: 30,
});

const alert = (resourceId: string): AlertFired => ({
  v: 1,
  id: `episode-${resourceId}`,
  resourceId,
  metric: 'cpu',
  kind: 'forecast',
  severity: 'warning',
  breachAt: '2026-01-01T01:00:00.000Z',
  message: `${resourceId} will saturate`,
  firedAt: '2026-01-01T00:30:00.000Z',
  deliveries: [],
});

const publishForecast = (event: ForecastUpdated) =>
  publishEvent(
    js,
    gateway.bus.names.subjects.forecastUpdated(event.resourceId, event.metric),
    event,
    `${event.resourceId}:${event.current}`,
  );

/** Opens the stream in-process and reads its events as a browser's EventSource would. */
async function openStream(
  path: string,
  headers: Record<string, string> = {},
  app = gateway.app({}, { heartbeatMs: 100 }),
) {
  const controller = new AbortController();
  const res = await app.request(path, { headers, signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const events: SseEvent[] = [];
  async function next(accept: (e: SseEvent) => boolean = (e) => !e.comment): Promise<SseEvent> {
    for (;;) {
      const found = events.findIndex(accept);
      if (found >= 0) return events.splice(0, found + 1).at(-1)!;
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        events.push(parseBlock(buffer.slice(0, end)));
        buffer = buffer.slice(end + 2);
      }
    }
  }
  return { res, next, close: () => controller.abort() };
}

function parseBlock(block: string): SseEvent {
  if (block.startsWith(':')) return { event: 'comment', data: block.slice(1).trim(), comment: true };
  const field = (name: string) =>
    block
      .split('\n')
      .filter((line) => line.startsWith(`${name}:`))
      .map((line) => line.slice(name.length + 1).trimStart())
      .join('\n');
  const id = field('id');
  return { event: field('event') || 'message', ...(id ? { id } : {}), data: field('data') };
}

describe('GET /api/stream', () => {
  it('sends forecasts and alerts as they are published, after a ready event', async () => {
    const stream = await openStream('/api/stream');
    try {
      expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect((await stream.next()).event).toBe('ready');

      await publishForecast(forecast('web-1', 42));
      await publishEvent(js, gateway.bus.names.subjects.alertFired('warning', 'web-1'), alert('web-1'), 'a1');

      // Two streams: their events may arrive in either order.
      const received = [await stream.next(), await stream.next()].sort((a, b) => a.event.localeCompare(b.event));
      expect(received.map((e) => e.event)).toEqual(['alert', 'forecast']);
      expect(JSON.parse(received[0]!.data)).toMatchObject({ id: 'episode-web-1', kind: 'forecast' });
      expect(JSON.parse(received[1]!.data)).toMatchObject({ resourceId: 'web-1', current: 42 });
    } finally {
      stream.close();
    }
  });

  it('sends heartbeats while nothing happens', async () => {
    const stream = await openStream('/api/stream');
    try {
      const heartbeat = await stream.next((e) => Boolean(e.comment));
      expect(heartbeat.data).toMatch(/^heartbeat /);
    } finally {
      stream.close();
    }
  });

  it('sends only the events of the resource asked for', async () => {
    const stream = await openStream('/api/stream?resource_id=db-2');
    try {
      await stream.next();
      await publishForecast(forecast('web-1', 43));
      await publishForecast(forecast('db-2', 44));

      const event = await stream.next();
      expect(JSON.parse(event.data)).toMatchObject({ resourceId: 'db-2', current: 44 });
    } finally {
      stream.close();
    }
  });

  it('resumes after the Last-Event-ID it was given, without losing what came in between', async () => {
    const first = await openStream('/api/stream?resource_id=app-3');
    await first.next();
    await publishForecast(forecast('app-3', 10));
    const seen = await first.next();
    first.close();

    await publishForecast(forecast('app-3', 11));
    await publishForecast(forecast('app-3', 12));

    const resumed = await openStream('/api/stream?resource_id=app-3', { 'last-event-id': seen.id! });
    try {
      expect(JSON.parse((await resumed.next()).data)).toEqual({ resumed: true });
      expect(JSON.parse((await resumed.next()).data).current).toBe(11);
      expect(JSON.parse((await resumed.next()).data).current).toBe(12);
    } finally {
      resumed.close();
    }
  });

  it('serves 100 clients from one subscription, each receiving every event in order', { timeout: 30_000 }, async () => {
    const app = gateway.app({}, { heartbeatMs: 60_000 });
    const jsm = await js.jetstreamManager();
    const consumers = async () => (await jsm.streams.info(gateway.bus.names.streams.forecasts)).state.consumer_count;
    const before = await consumers();
    const clients = await Promise.all(
      Array.from({ length: 100 }, () => openStream('/api/stream?resource_id=fleet-1', {}, app)),
    );
    try {
      await Promise.all(clients.map((client) => client.next()));
      for (let n = 1; n <= 20; n++) await publishForecast(forecast('fleet-1', n));

      for (const client of clients) {
        const received: number[] = [];
        for (let n = 1; n <= 20; n++)
          received.push((JSON.parse((await client.next()).data) as ForecastUpdated).current);
        expect(received).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      }
      // One consumer more for all of them (earlier tests' consumers may be going away meanwhile).
      expect((await consumers()) - before).toBeLessThanOrEqual(1);
    } finally {
      for (const client of clients) client.close();
    }
  });

  it('resumes a client from further back than the hub remembers, then keeps it live', async () => {
    const early = await publishForecast(forecast('old-4', 1));
    const app = gateway.app({}, { heartbeatMs: 60_000 });
    const live = await openStream('/api/stream?resource_id=none', {}, app); // starts the hub after `early`
    await live.next();
    await publishForecast(forecast('old-4', 2));

    const resumed = await openStream('/api/stream?resource_id=old-4', { 'last-event-id': `${early.seq - 1}:0` }, app);
    try {
      await resumed.next();
      expect(JSON.parse((await resumed.next()).data).current).toBe(1);
      expect(JSON.parse((await resumed.next()).data).current).toBe(2);
      await publishForecast(forecast('old-4', 3));
      expect(JSON.parse((await resumed.next()).data).current).toBe(3);
    } finally {
      resumed.close();
      live.close();
    }
  });

  it('answers a Last-Event-ID it never sent with a 400', async () => {
    const res = await gateway.app().request('/api/stream', { headers: { 'last-event-id': 'yesterday' } });

    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'bad_request', message: expect.stringContaining('Last-Event-ID') },
    });
  });
});
