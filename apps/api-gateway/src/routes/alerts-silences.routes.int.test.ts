import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertDeliveryUpdated, AlertFired } from '@autoscale/contracts';
import { alertFiredMsgId } from '@autoscale/contracts';
import { openSilenceStore } from '@autoscale/alert-stores';
import { applyAlertDelivery, insertAlert } from '@autoscale/db';
import { AlertsResponse } from '@autoscale/http-contract';
import { createTestGateway } from '../testing/test-gateway';
import type { TestGateway } from '../testing/test-gateway';

const TOKEN = 'correct-horse-battery-staple-42';
type ErrorBody = { error: { code: string; message: string } };
type AlertRow = {
  id: string;
  kind: string;
  status: string;
  resourceId: string;
  deliveries: Array<{ channel: string; status: string; attempts: number; error?: string }>;
};
type SilenceRow = {
  id: string;
  resource: string;
  metric: string;
  state: string;
  startsAt: string;
  endsAt: string;
  createdBy: string;
};

let gateway: TestGateway;
let app: ReturnType<TestGateway['app']>;

beforeAll(async () => {
  gateway = await createTestGateway();
  app = gateway.app({ API_TOKEN: TOKEN });
});
afterAll(() => gateway?.close());

const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const json = async <T>(res: Response) => ({ status: res.status, body: (await res.json()) as T });

const fired = (id: string, overrides: Partial<AlertFired> = {}): AlertFired => ({
  v: 1,
  id,
  resourceId: 'web-1',
  metric: 'cpu',
  kind: 'breach',
  severity: 'critical',
  breachAt: null,
  message: id,
  firedAt: '2026-03-01T12:00:00.000Z',
  episodeId: `ep-${id}`,
  deliveries: [
    { channel: 'slack', ok: false, status: 'pending', attempts: 0, at: '2026-03-01T12:00:00.000Z' },
    { channel: 'email', ok: false, status: 'pending', attempts: 0, at: '2026-03-01T12:00:00.000Z' },
  ],
  ...overrides,
});

const update = (
  alert: AlertFired,
  channel: 'slack' | 'email',
  status: AlertDeliveryUpdated['status'],
  attempts: number,
  error?: string,
): AlertDeliveryUpdated => ({
  v: 1,
  alertKey: alertFiredMsgId(alert),
  alertId: alert.id,
  channel,
  status,
  attempts,
  at: '2026-03-01T12:00:05.000Z',
  ...(error ? { error } : {}),
});

describe('GET /api/alerts with deliveries and filters', () => {
  beforeAll(async () => {
    const a = fired('a');
    await insertAlert(gateway.db, a);
    // Updates arrive out of order and twice: the newest attempt wins.
    await applyAlertDelivery(gateway.db, update(a, 'slack', 'delivered', 2));
    await applyAlertDelivery(gateway.db, update(a, 'slack', 'retrying', 1, 'Slack webhook answered 500'));
    await applyAlertDelivery(gateway.db, update(a, 'email', 'failed', 1, 'SMTP 550'));
    await applyAlertDelivery(gateway.db, update(a, 'email', 'failed', 1, 'SMTP 550'));
    const b = fired('b', {
      resourceId: 'db-1',
      kind: 'forecast',
      severity: 'warning',
      firedAt: '2026-03-01T13:00:00.000Z',
    });
    await insertAlert(gateway.db, b);
    await applyAlertDelivery(gateway.db, update(b, 'slack', 'delivered', 1));
    await applyAlertDelivery(gateway.db, update(b, 'email', 'delivered', 1));
    await insertAlert(
      gateway.db,
      fired('c', { resourceId: 'db-1', suppressed: 'stale', deliveries: [], firedAt: '2026-03-01T14:00:00.000Z' }),
    );
    await insertAlert(
      gateway.db,
      fired('d', { suppressed: 'silenced', deliveries: [], firedAt: '2026-03-01T15:00:00.000Z' }),
    );
  });

  it('shows each channel delivery with its status, attempts and last error, and the alert status', async () => {
    const { body } = await json<{ alerts: AlertRow[] }>(
      await app.request('/api/alerts?resource_id=web-1&kind=breach&status=failed'),
    );
    expect(body.alerts).toHaveLength(1);
    expect(body.alerts[0]!.deliveries).toEqual([
      expect.objectContaining({ channel: 'slack', status: 'delivered', attempts: 2 }),
      expect.objectContaining({ channel: 'email', status: 'failed', attempts: 1, error: 'SMTP 550' }),
    ]);
  });

  it.each([
    ['resource_id=db-1', ['c', 'b']],
    ['status=delivered', ['b']],
    ['status=suppressed', ['c']],
    ['status=silenced', ['d']],
    ['kind=forecast', ['b']],
    ['severity=critical', ['d', 'c', 'a']],
    ['since=2026-03-01T13:30:00Z', ['d', 'c']],
    ['resource_id=db-1&since=2026-03-01T13:30:00Z', ['c']],
  ])('filters on %s', async (query, ids) => {
    const { status, body } = await json<{ alerts: AlertRow[] }>(await app.request(`/api/alerts?${query}`));
    expect(status).toBe(200);
    expect(body.alerts.map((a) => a.id)).toEqual(ids);
  });

  it('answers 400 for an unknown status', async () => {
    const { status, body } = await json<ErrorBody>(await app.request('/api/alerts?status=lost'));
    expect(status).toBe(400);
    expect(body.error.message).toContain('status');
  });
});

describe('silences', () => {
  it("creates a silence for a glob and a duration, by the token's name, lists it active, and deletes it", async () => {
    const created = await json<{ silence: SilenceRow }>(
      await app.request('/api/silences', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ resource: 'web-*', durationMin: 30, comment: 'deploy', createdBy: 'ops' }),
      }),
    );
    expect(created.status).toBe(201);
    // The typed author is not believed: the token's name is recorded (api-token for API_TOKEN).
    expect(created.body.silence).toMatchObject({
      resource: 'web-*',
      metric: '*',
      state: 'active',
      createdBy: 'api-token',
    });
    const length = Date.parse(created.body.silence.endsAt) - Date.parse(created.body.silence.startsAt);
    expect(length).toBe(30 * 60_000);

    const store = await openSilenceStore(gateway.bus.bus);
    expect(await store.silenceFor('web-7', 'mem', Date.now())).toMatchObject({ id: created.body.silence.id });
    expect(await store.silenceFor('db-1', 'cpu', Date.now())).toBeNull();
    expect(await store.silenceFor('web-7', 'cpu', Date.now() + 31 * 60_000)).toBeNull();

    const listed = await json<{ silences: SilenceRow[] }>(await app.request('/api/silences'));
    expect(listed.body.silences.map((s) => s.id)).toContain(created.body.silence.id);

    const deleted = await app.request(`/api/silences/${created.body.silence.id}`, { method: 'DELETE', headers: auth });
    expect(deleted.status).toBe(204);
    expect(await store.silenceFor('web-7', 'mem', Date.now())).toBeNull();
    expect(
      (await app.request(`/api/silences/${created.body.silence.id}`, { method: 'DELETE', headers: auth })).status,
    ).toBe(404);
  });

  it.each([
    ['no end', { resource: 'web-1', createdBy: 'ops' }, 'endsAt'],
    [
      'both an end and a duration',
      { resource: 'web-1', createdBy: 'ops', durationMin: 5, endsAt: '2999-01-01T00:00:00Z' },
      'endsAt',
    ],
    ['an end in the past', { resource: 'web-1', createdBy: 'ops', endsAt: '2020-01-01T00:00:00Z' }, 'endsAt'],
    ['an unknown metric', { resource: 'web-1', metric: 'disk', durationMin: 5, createdBy: 'ops' }, 'metric'],
  ])('refuses a silence with %s, naming the field', async (_case, body, field) => {
    const { status, body: error } = await json<ErrorBody>(
      await app.request('/api/silences', { method: 'POST', headers: auth, body: JSON.stringify(body) }),
    );
    expect(status).toBe(400);
    expect(error.error.message).toContain(field);
  });

  it('needs the token to create or delete one', async () => {
    const body = JSON.stringify({ resource: 'web-1', durationMin: 5, createdBy: 'ops' });
    expect(
      (await app.request('/api/silences', { method: 'POST', body, headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(401);
    expect((await app.request('/api/silences/x', { method: 'DELETE' })).status).toBe(401);
  });
});

describe('POST /api/alerts/:episodeId/ack', () => {
  it("records the ack of a known episode, by the token's name, where the alerter reads it", async () => {
    await insertAlert(gateway.db, fired('e', { episodeId: 'web-1/cpu/2026-03-01T12:00:00.000Z' }));
    const path = `/api/alerts/${encodeURIComponent('web-1/cpu/2026-03-01T12:00:00.000Z')}/ack`;
    const res = await app.request(path, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ ackedBy: 'ops', comment: 'on it' }),
    });
    expect(res.status).toBe(201);
    const store = await openSilenceStore(gateway.bus.bus);
    expect(await store.ackFor('web-1/cpu/2026-03-01T12:00:00.000Z')).toMatchObject({
      ackedBy: 'api-token',
      comment: 'on it',
    });
  });

  it('shows who acknowledged, when and why on every alert of the episode, and nulls on the others', async () => {
    const episodeId = 'db-1/mem/2026-03-01T13:00:00.000Z';
    const at = (minute: number) => `2026-03-01T13:${String(minute).padStart(2, '0')}:00.000Z`;
    await insertAlert(
      gateway.db,
      fired('ack-f', {
        resourceId: 'db-1',
        metric: 'mem',
        kind: 'forecast',
        severity: 'warning',
        episodeId,
        firedAt: at(0),
      }),
    );
    await insertAlert(
      gateway.db,
      fired('ack-b', { resourceId: 'db-1', metric: 'mem', kind: 'breach', episodeId, firedAt: at(5) }),
    );
    await insertAlert(
      gateway.db,
      fired('other', { resourceId: 'db-1', metric: 'cpu', episodeId: 'db-1/cpu/other', firedAt: at(6) }),
    );
    const before = Date.now();
    const res = await app.request(`/api/alerts/${encodeURIComponent(episodeId)}/ack`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ ackedBy: 'alice', comment: 'disk cleanup running' }),
    });
    expect(res.status).toBe(201);

    const { status, body } = await json<unknown>(await app.request('/api/alerts?resource_id=db-1'));
    expect(status).toBe(200);
    const { alerts } = AlertsResponse.parse(body);
    const ofEpisode = alerts.filter((a) => a.episodeId === episodeId);
    expect(ofEpisode).toHaveLength(2);
    for (const a of ofEpisode) {
      // The token's name, not the typed author (see the silences test above).
      expect(a).toMatchObject({ ackedBy: 'api-token', comment: 'disk cleanup running' });
      expect(Date.parse(a.ackedAt!)).toBeGreaterThanOrEqual(before - 1_000);
    }
    expect(alerts.find((a) => a.id === 'other')).toMatchObject({ ackedBy: null, ackedAt: null, comment: null });
  });

  it('answers 409 for an episode that has resolved, and records nothing', async () => {
    const episodeId = 'db-2/cpu/2026-03-01T14:00:00.000Z';
    await insertAlert(
      gateway.db,
      fired('res-b', { resourceId: 'db-2', episodeId, firedAt: '2026-03-01T14:00:00.000Z' }),
    );
    await insertAlert(
      gateway.db,
      fired('res-r', {
        resourceId: 'db-2',
        kind: 'resolved',
        severity: 'info',
        episodeId,
        firedAt: '2026-03-01T14:10:00.000Z',
      }),
    );
    const { status, body } = await json<ErrorBody>(
      await app.request(`/api/alerts/${encodeURIComponent(episodeId)}/ack`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ ackedBy: 'ops' }),
      }),
    );
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('resolved') });
    const store = await openSilenceStore(gateway.bus.bus);
    expect(await store.ackFor(episodeId)).toBeNull();
    const listed = AlertsResponse.parse((await json<unknown>(await app.request('/api/alerts?resource_id=db-2'))).body);
    expect(listed.alerts.map((a) => a.ackedBy)).toEqual([null, null]);
  });

  it('answers 404 for an episode it never saw, and 401 without the token', async () => {
    const path = `/api/alerts/${encodeURIComponent('nope/cpu/x')}/ack`;
    expect(
      (await app.request(path, { method: 'POST', headers: auth, body: JSON.stringify({ ackedBy: 'ops' }) })).status,
    ).toBe(404);
    expect((await app.request(path, { method: 'POST', body: JSON.stringify({ ackedBy: 'ops' }) })).status).toBe(401);
  });
});

describe('GET /api/rules', () => {
  it('shows the defaults, the rules of the file and the effective rule of a series', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'rules-')), 'rules.yaml');
    await writeFile(file, 'rules:\n  - resource: "db-*"\n    metric: cpu\n    threshold: 80\n    channels: [email]\n');
    const withRules = gateway.app({ ALERT_RULES_FILE: file });
    const { status, body } = await json<{ defaults: unknown; rules: unknown[]; effective: unknown }>(
      await withRules.request('/api/rules?resource_id=db-7&metric=cpu'),
    );
    expect(status).toBe(200);
    expect(body.rules).toEqual([{ resource: 'db-*', metric: 'cpu', threshold: 80, channels: ['email'] }]);
    expect(body.effective).toEqual({ threshold: 80, lookaheadMin: 60, renotifyMin: 240, channels: ['email'] });
    const plain = await json<{ rules: unknown[] }>(await app.request('/api/rules'));
    expect(plain.body.rules).toEqual([]);
  });
});
