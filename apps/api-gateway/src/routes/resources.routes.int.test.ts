import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertForecasts, upsertMetricSamples } from '@autoscale/db';
import { forecastEvent, sampleEvent } from '@autoscale/db/testing';
import { createTestGateway } from '../testing/test-gateway';
import type { TestGateway } from '../testing/test-gateway';

type Page = {
  total: number;
  next: string | null;
  resources: Array<{
    resourceId: string;
    provider: string;
    status: string;
    breachAt: string | null;
    forecasts: Array<{ metric: string }>;
  }>;
};

const NOW = Date.now() - 60_000;
const iso = (min: number) => new Date(NOW + min * 60_000).toISOString();
const FLEET = 1_200;

let gateway: TestGateway;
let app: ReturnType<TestGateway['app']>;

const sample = (resourceId: string, provider: string, labels?: Record<string, string>) =>
  sampleEvent(resourceId, iso(0), provider, labels);
const forecast = (resourceId: string, current: number, breachInMin: number | null) =>
  forecastEvent(resourceId, iso(0), { current, breachInMin, breachAt: breachInMin === null ? null : iso(breachInMin) });

async function page(query: string, headers: Record<string, string> = {}) {
  const res = await app.request(`/api/resources${query}`, { headers });
  const text = await res.text();
  return { res, bytes: Buffer.byteLength(text), body: res.status === 200 ? (JSON.parse(text) as Page) : null };
}

beforeAll(async () => {
  gateway = await createTestGateway();
  app = gateway.app();
  // A fleet of 1,200 machines, every tenth on gcp, half of them team=web; vm-0007 breached,
  // vm-0100 and vm-0042 forecast to breach (vm-0100 sooner), vm-1199 still warming up.
  const ids = Array.from({ length: FLEET }, (_, i) => `vm-${String(i).padStart(4, '0')}`);
  const samples = ids.map((id, i) => sample(id, i % 10 === 0 ? 'gcp' : 'aws', { team: i % 2 === 0 ? 'web' : 'db' }));
  for (let i = 0; i < samples.length; i += 400) await upsertMetricSamples(gateway.db, samples.slice(i, i + 400));
  const special: Record<string, [number, number | null]> = {
    'vm-0007': [95, null],
    'vm-0100': [60, 15],
    'vm-0042': [60, 45],
  };
  await upsertForecasts(
    gateway.db,
    ids.filter((id) => id !== 'vm-1199').map((id) => forecast(id, ...(special[id] ?? [30, null]))),
  );
});
afterAll(() => gateway?.close());

describe('GET /api/resources', () => {
  it('answers one page, worst first, with the total and a cursor, small enough for a dashboard', async () => {
    const { res, body, bytes } = await page('');

    expect(res.status).toBe(200);
    expect(body!.total).toBe(FLEET);
    expect(body!.resources).toHaveLength(50);
    expect(body!.resources.slice(0, 5).map((r) => [r.resourceId, r.status])).toEqual([
      ['vm-0007', 'breached'],
      ['vm-0100', 'forecast_breach'],
      ['vm-0042', 'forecast_breach'],
      ['vm-1199', 'warming_up'],
      ['vm-0000', 'ok'],
    ]);
    expect(body!.next).toEqual(expect.any(String));
    expect(bytes).toBeLessThan(50_000);
  });

  it('walks the whole fleet with the cursor, each machine once', async () => {
    const seen = new Set<string>();
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const { body } = await page(`?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      for (const r of body!.resources) seen.add(r.resourceId);
      cursor = body!.next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(FLEET);
  });

  it('filters by id glob, provider, label and status, and sorts by id when asked', async () => {
    expect((await page('?id=vm-00*&sort=id&limit=3')).body!.resources.map((r) => r.resourceId)).toEqual([
      'vm-0000',
      'vm-0001',
      'vm-0002',
    ]);
    expect((await page('?id=vm-00*')).body!.total).toBe(100);
    expect((await page('?provider=gcp')).body!.total).toBe(120);
    expect((await page('?label=team=web')).body!.total).toBe(600);
    expect((await page('?label=team=web&provider=gcp')).body!.total).toBe(120);
    const risky = await page('?status=breached,forecast_breach');
    expect(risky.body!.resources.map((r) => r.resourceId)).toEqual(['vm-0007', 'vm-0100', 'vm-0042']);
  });

  it('answers 304 without a body to a client that already holds the unchanged page', async () => {
    const first = await page('?status=breached');
    const etag = first.res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);

    const again = await page('?status=breached', { 'If-None-Match': etag! });
    expect(again.res.status).toBe(304);
    expect(again.bytes).toBe(0);
    expect((await page('?status=ok', { 'If-None-Match': etag! })).res.status).toBe(200);
  });

  it('refuses a cursor it did not hand out, an unknown status and a label without a value with a 400 naming the problem', async () => {
    for (const query of ['?cursor=bm90LWEtY3Vyc29y', '?status=on_fire', '?label=team']) {
      const res = await app.request(`/api/resources${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, query).toMatch(
        /cursor|status|key=value/,
      );
    }
  });
});
