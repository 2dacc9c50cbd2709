import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertTestRequest } from '@autoscale/contracts';
import type { AlertFired } from '@autoscale/contracts';
import { createTestGateway } from '../testing/test-gateway';
import type { TestGateway } from '../testing/test-gateway';

const TOKEN = 'correct-horse-battery-staple-42';

type ErrorBody = { error: { code: string; message: string } };

let gateway: TestGateway;
/** The gateway with API_TOKEN set, and one without. */
let guarded: ReturnType<TestGateway['app']>;
let open: ReturnType<TestGateway['app']>;

beforeAll(async () => {
  gateway = await createTestGateway();
  // A high limit: these tests are about the token and the answers, not the rate.
  guarded = gateway.app({ API_TOKEN: TOKEN, TEST_ALERT_RATE_PER_MIN: '1000' });
  open = gateway.app({ TEST_ALERT_RATE_PER_MIN: '1000' });
});

afterAll(() => gateway?.close());

const post = (app: ReturnType<TestGateway['app']>, opts: { auth?: string | undefined; body?: string } = {}) =>
  app.request('/api/test-alert', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.auth === undefined ? {} : { authorization: opts.auth }),
    },
    ...(opts.body === undefined ? {} : { body: opts.body }),
  });

/**
 * Stands in for the alerter process: a plain NATS responder on `alert.test` answering as the
 * AlertTestReply contract says. The route under test is the gateway's, not the alerter's.
 */
function standInAlerter(answer: (request: AlertTestRequest) => unknown) {
  const requests: AlertTestRequest[] = [];
  const subscription = gateway.bus.nc.subscribe(gateway.bus.names.subjects.alertTest, {
    callback: (_error, msg) => {
      const request = AlertTestRequest.parse(msg.json());
      requests.push(request);
      msg.respond(JSON.stringify(answer(request)));
    },
  });
  return { requests, stop: () => subscription.unsubscribe() };
}

const testAlert = (requestedBy?: string): AlertFired => ({
  v: 1,
  id: 'test-2026-03-01T12:00:00.000Z',
  resourceId: 'test',
  metric: 'cpu',
  kind: 'test',
  severity: 'info',
  breachAt: null,
  message: 'Test alert from AutoScale CIRM',
  firedAt: '2026-03-01T12:00:00.000Z',
  deliveries: [
    { channel: 'slack', ok: true, at: '2026-03-01T12:00:00.300Z' },
    { channel: 'email', ok: false, error: 'ECONNREFUSED', at: '2026-03-01T12:00:00.500Z' },
  ],
  ...(requestedBy === undefined ? {} : { requestedBy }),
});

describe('POST /api/test-alert with API_TOKEN set', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'Bearer wrong-horse-battery'],
    ['the token without the Bearer scheme', TOKEN],
    ['a token of the right length in other characters', `Bearer ${'é'.repeat(TOKEN.length)}`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
    ['an empty bearer', 'Bearer '],
  ])('answers 401 with a JSON error for %s', async (_case, auth) => {
    const res = await post(guarded, { auth });

    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="autoscale"');
    expect(((await res.json()) as ErrorBody).error).toEqual({
      code: 'unauthorized',
      message: expect.stringContaining('Authorization: Bearer'),
    });
  });

  it('never asks the alerter when the token is wrong', async () => {
    const alerter = standInAlerter(() => ({ alert: testAlert() }));
    try {
      await post(guarded, { auth: 'Bearer nope-nope-nope' });
      await gateway.bus.nc.flush();
      expect(alerter.requests).toEqual([]);
    } finally {
      alerter.stop();
    }
  });

  it('answers 503 alerter_unavailable with the right token when no alerter is running', async () => {
    const res = await post(guarded, { auth: `Bearer ${TOKEN}` });

    expect(res.status).toBe(503);
    expect(((await res.json()) as ErrorBody).error.code).toBe('alerter_unavailable');
  });

  it('accepts the scheme in any case', async () => {
    const res = await post(guarded, { auth: `bearer ${TOKEN}` });

    expect(res.status).toBe(503);
  });

  it("returns 200 with the alert the alerter sent, passing on the token's name as who asked (not the typed one)", async () => {
    const alerter = standInAlerter((request) => ({ alert: testAlert(request.requestedBy) }));
    try {
      const res = await post(guarded, { auth: `Bearer ${TOKEN}`, body: JSON.stringify({ requestedBy: 'ops-oncall' }) });

      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ alert: testAlert('api-token') });
      expect(alerter.requests).toEqual([{ requestedBy: 'api-token', deadline: expect.any(String) }]);
    } finally {
      alerter.stop();
    }
  });
});

describe('POST /api/test-alert without API_TOKEN', () => {
  it('needs no token, and answers 503 when no alerter is running', async () => {
    const res = await post(open);

    expect(res.status).toBe(503);
    expect(((await res.json()) as ErrorBody).error).toEqual({
      code: 'alerter_unavailable',
      message: expect.stringContaining('alerter'),
    });
  });

  it('returns 200 with the alert for an empty body', async () => {
    const alerter = standInAlerter(() => ({ alert: testAlert() }));
    try {
      const res = await post(open);

      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ alert: testAlert() });
      expect(alerter.requests).toHaveLength(1);
      // The alerter drops a request it gets after the gateway stopped waiting.
      expect(Date.parse(alerter.requests[0]!.deadline)).toBeGreaterThan(Date.now());
    } finally {
      alerter.stop();
    }
  });

  it('answers 502 alerter_failed with the reason when the alerter could not send it', async () => {
    const alerter = standInAlerter(() => ({ error: 'no channel configured' }));
    try {
      const res = await post(open);

      expect(res.status).toBe(502);
      expect(((await res.json()) as ErrorBody).error).toEqual({
        code: 'alerter_failed',
        message: expect.stringContaining('no channel configured'),
      });
    } finally {
      alerter.stop();
    }
  });

  it('does not pass on a reply that breaks the contract', async () => {
    const alerter = standInAlerter(() => ({ alert: { ...testAlert(), firedAt: 'soon' } }));
    try {
      const res = await post(open);

      expect(res.status).toBe(503);
      expect(((await res.json()) as ErrorBody).error.code).toBe('alerter_unavailable');
    } finally {
      alerter.stop();
    }
  });

  it.each([
    ['not JSON', '{requestedBy: ops', 'the body must be JSON, or empty'],
    ['a JSON array', '[]', 'body must be a JSON object'],
    ['JSON null', 'null', 'body must be a JSON object'],
    ['a JSON string', '"ops"', 'body must be a JSON object'],
    ['a non-string requestedBy', '{"requestedBy": 42}', 'requestedBy must be text'],
    [
      'a requestedBy over 200 characters',
      JSON.stringify({ requestedBy: 'x'.repeat(201) }),
      'requestedBy must be at most 200 characters long',
    ],
  ])(
    'answers 400 for a body that is %s, in the product’s words, without asking the alerter',
    async (_case, body, message) => {
      const alerter = standInAlerter(() => ({ alert: testAlert() }));
      try {
        const res = await post(open, { body });

        expect(res.status).toBe(400);
        expect(((await res.json()) as ErrorBody).error).toEqual({ code: 'bad_request', message });
        await gateway.bus.nc.flush();
        expect(alerter.requests).toEqual([]);
      } finally {
        alerter.stop();
      }
    },
  );

  it('answers 415 for a body that is not declared JSON, and takes a POST with no body and no content type', async () => {
    const alerter = standInAlerter(() => ({ alert: testAlert() }));
    try {
      const form = await open.request('/api/test-alert', {
        method: 'POST',
        body: 'requestedBy=ops',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(415);
      expect(((await form.json()) as ErrorBody).error.code).toBe('unsupported_media_type');

      // What `curl -X POST` sends: an empty body without a content type.
      const empty = new ReadableStream({ start: (controller) => controller.close() });
      const bare = await open.request('/api/test-alert', {
        method: 'POST',
        body: empty,
        duplex: 'half',
      } as RequestInit);
      expect(bare.status).toBe(200);
      expect(alerter.requests).toHaveLength(1);
    } finally {
      alerter.stop();
    }
  });

  it('answers GET with 405 and Allow: POST', async () => {
    const res = await open.request('/api/test-alert');

    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(((await res.json()) as ErrorBody).error.code).toBe('method_not_allowed');
  });
});

describe('POST /api/test-alert in a burst', () => {
  it('lets at most 5 a minute through and answers the rest 429 with Retry-After', async () => {
    const limited = gateway.app({ API_TOKEN: TOKEN });
    const alerter = standInAlerter(() => ({ alert: testAlert() }));
    try {
      const responses = await Promise.all(
        Array.from({ length: 200 }, () => post(limited, { auth: `Bearer ${TOKEN}` })),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(195);
      const refused = responses.find((r) => r.status === 429)!;
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await refused.json()) as ErrorBody).error.code).toBe('rate_limited');
      expect(alerter.requests).toHaveLength(5);
    } finally {
      alerter.stop();
    }
  });
});
