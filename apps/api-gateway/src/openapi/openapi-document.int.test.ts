import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { ensureBus, registerService } from '@autoscale/bus';
import type { AlertFired, AlertTestRequest } from '@autoscale/contracts';
import { insertAlert, insertScaleDecisions, upsertForecast, upsertMetricSample } from '@autoscale/db';
import { createCounters } from '@autoscale/observability';
import { createTestGateway } from '../testing/test-gateway';
import type { TestGateway } from '../testing/test-gateway';

const TOKEN = 'openapi-test-token-7c2e9a41d0';
const EPISODE = 'web-1/cpu/2026-03-01T11:00:00.000Z';
/** Served by the gateway but not API: the dashboard's page and files. */
const DASHBOARD_ROUTES = ['GET /', 'GET /favicon.svg', 'GET /assets/:file'];

type Operation = {
  method: string;
  path: string;
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
};
type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string };
  components: {
    securitySchemes: Record<string, unknown>;
    schemas: Record<string, { properties?: Record<string, unknown> }>;
  };
  webhooks?: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'> & { security?: unknown }>>;
};

let gateway: TestGateway;
let app: ReturnType<TestGateway['app']>;
let spec: OpenApiDocument;
const closing = new AbortController();
let alerterAnswers: 'alert' | 'error' = 'alert';
let stopStandIns: () => Promise<void>;

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 11, minute)).toISOString();

const alertOf = (id: string, extra: Partial<AlertFired>): AlertFired => ({
  v: 1,
  id,
  resourceId: 'web-1',
  metric: 'cpu',
  kind: 'forecast',
  severity: 'warning',
  breachAt: at(50),
  message: `${id}: web-1 cpu will cross 90 %`,
  firedAt: at(30),
  deliveries: [{ channel: 'slack', ok: true, status: 'delivered', attempts: 1, at: at(30) }],
  ...extra,
});

beforeAll(async () => {
  gateway = await createTestGateway();
  await ensureBus(gateway.bus.nc, gateway.bus.names, { replicas: 1 });
  const rules = join(await mkdtemp(join(tmpdir(), 'openapi-rules-')), 'rules.yaml');
  await writeFile(rules, 'rules:\n  - resource: "web-*"\n    metric: cpu\n    threshold: 80\n    channels: [slack]\n');
  app = gateway.app(
    { API_TOKEN: TOKEN, ALERT_RULES_FILE: rules, SLACK_WEBHOOK_URL: 'https://hooks.slack.test/x' },
    { closing: closing.signal },
  );

  // web-1: samples with both metrics and a forecast; web-2: one sample, still warming up.
  for (let minute = 0; minute < 30; minute++) {
    await upsertMetricSample(gateway.db, {
      v: 1,
      provider: 'aws',
      resourceId: 'web-1',
      ts: at(minute),
      metrics: { cpu: 50 + minute, mem: 40 },
    });
  }
  await upsertMetricSample(gateway.db, {
    v: 1,
    provider: 'aws',
    resourceId: 'web-2',
    ts: at(29),
    metrics: { cpu: 10 },
  });
  await upsertForecast(gateway.db, {
    v: 1,
    resourceId: 'web-1',
    metric: 'cpu',
    generatedAt: at(29),
    model: 'holt',
    threshold: 90,
    current: 79,
    slopePerMin: 1,
    breachAt: at(40),
    breachInMin: 11,
    interval: { earliest: at(38), latest: at(45) },
    points: [{ ts: at(35), value: 85, lo: 80, hi: 104 }],
    samples: 30,
  });
  await insertAlert(
    gateway.db,
    alertOf('a-forecast', { episodeId: EPISODE, current: 79, threshold: 90, model: 'holt', forecastAt: at(29) }),
  );
  await insertAlert(
    gateway.db,
    alertOf('a-silenced', {
      kind: 'breach',
      severity: 'critical',
      breachAt: null,
      suppressed: 'silenced',
      deliveries: [],
    }),
  );
  await insertScaleDecisions(gateway.db, [
    {
      v: 1,
      target: 'web',
      metric: 'cpu',
      forecastAt: at(29),
      decidedAt: at(29),
      mode: 'recommend',
      paused: false,
      action: 'scale-out',
      current: 2,
      desired: 3,
      forecastCapacity: 3,
      currentUtilization: 79,
      expectedUtilization: 85,
      breachProbability: 0.3,
      targetUtilization: 60,
      minCapacity: 1,
      maxCapacity: 10,
      leadMin: 5,
      actuator: 'keda',
      execute: false,
      reason: 'expected 85% (upper bound) in 5 min > target 60% on 2: 3',
      members: [
        { resourceId: 'web-1', forecastAt: at(29), current: 79, expected: 82, upper: 85, breachProbability: 0.3 },
      ],
    },
  ]);

  // One pipeline service up, the others not: /api/health shows both kinds of entry.
  const collector = await registerService(gateway.bus.nc, gateway.bus.names, 'collector', createCounters());
  // Stands in for the alerter on the test-alert request/reply.
  const alerter = gateway.bus.nc.subscribe(gateway.bus.names.subjects.alertTest, {
    callback: (_error, msg) => {
      const request = msg.json<AlertTestRequest>();
      const alert = alertOf('test-1', {
        resourceId: 'test',
        kind: 'test',
        severity: 'info',
        breachAt: null,
        requestedBy: request.requestedBy ?? 'api',
      });
      msg.respond(JSON.stringify(alerterAnswers === 'alert' ? { alert } : { error: 'slack: 500' }));
    },
  });

  stopStandIns = async () => {
    alerter.unsubscribe();
    await collector.stop();
  };
  spec = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument;
});

afterAll(async () => {
  closing.abort();
  await stopStandIns?.();
  await gateway?.close();
});

const documentedOperations = () =>
  Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document of the AutoScale CIRM API, with the bearer scheme on the routes that need the token', () => {
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.info).toMatchObject({ title: 'AutoScale CIRM API', version: '0.1.0' });
    expect(spec.components.securitySchemes['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
    const guarded = documentedOperations().filter((op) => {
      const [method, path] = op.split(' ') as [string, string];
      return spec.paths[path]![method.toLowerCase()]!.security !== undefined;
    });
    expect(guarded.sort()).toEqual([
      'DELETE /api/silences/{id}',
      'GET /api/audit',
      'POST /api/alerts/{episodeId}/ack',
      'POST /api/scaling/{target}/pause',
      'POST /api/scaling/{target}/resume',
      'POST /api/silences',
      'POST /api/test-alert',
    ]);
  });

  it('describes the generic webhook request under `webhooks`, body schema WebhookNotification', () => {
    const post = spec.webhooks?.['alertNotification']?.['post'];
    expect(post?.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/WebhookNotification',
    });
    expect(Object.keys(spec.components.schemas['WebhookNotification']?.properties ?? {})).toEqual(
      expect.arrayContaining(['idempotencyKey', 'kind', 'severity', 'resourceId', 'metric', 'labels', 'link']),
    );
  });

  it('describes every route the gateway serves, and no other', () => {
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path}`)
        .filter((route) => !DASHBOARD_ROUTES.includes(route))
        .map((route) => route.replaceAll(/:(\w+)/g, '{$1}')),
    );

    expect([...served].sort()).toEqual(documentedOperations().sort());
    expect(documentedOperations().filter((op) => op.includes(' /api/')).length).toBeGreaterThan(15);
  });
});

/** The operations whose real answers were checked against the document. */
const checked = new Set<string>();

/** The zod schema the route definition declares for a JSON answer: what the document was generated from. */
function declaredSchema(method: string, path: string, status: number): ZodType {
  const definition = app.openAPIRegistry.definitions.find(
    (d) => d.type === 'route' && d.route.method === method.toLowerCase() && d.route.path === path,
  );
  if (definition?.type !== 'route') throw new Error(`no route definition of ${method} ${path}`);
  const response = definition.route.responses[status];
  const json = response && 'content' in response ? response.content?.['application/json'] : undefined;
  if (!json || !('schema' in json)) throw new Error(`${method} ${path} declares no JSON answer for ${status}`);
  return json.schema as ZodType;
}

/** A declared media type with parameters must be answered exactly; one without, by its essence. */
const sameMediaType = (declared: string, answered: string) => {
  const normal = (type: string) => type.replaceAll(/\s/g, '').toLowerCase();
  return declared.includes(';')
    ? normal(declared) === normal(answered)
    : normal(answered).split(';')[0] === normal(declared);
};

/**
 * Calls `operation` ("GET /api/alerts/{id}", as the document names it) at `url` and checks
 * the answer against the document: its status is declared, its content type is one declared
 * for that status, its declared headers are there, and a JSON body is exactly what the schema
 * describes (a field the schema lacks, or of another type, fails).
 */
async function call(
  operation: string,
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown }> {
  const [method, path] = operation.split(' ') as [string, string];
  const res = await app.request(url, { method, ...init });
  const declared = spec.paths[path]?.[method.toLowerCase()]?.responses[String(res.status)];
  expect(declared, `${operation} answered ${res.status}, which the document does not declare`).toBeDefined();
  for (const header of Object.keys(declared!.headers ?? {}))
    expect(res.headers.get(header), `${operation} ${res.status}: ${header}`).not.toBeNull();
  const mediaTypes = Object.keys(declared!.content ?? {});
  checked.add(operation);
  if (mediaTypes.length === 0) {
    expect(await res.text()).toBe('');
    return { status: res.status, body: undefined };
  } else {
    const answered = res.headers.get('content-type') ?? '';
    const mediaType = mediaTypes.find((declaredType) => sameMediaType(declaredType, answered));
    expect(
      mediaType,
      `${operation} ${res.status} answered ${answered}; declared ${mediaTypes.join(', ')}`,
    ).toBeDefined();
    if (mediaType === 'application/json') {
      const body: unknown = await res.json();
      const parsed = declaredSchema(method, path, res.status).safeParse(body);
      expect(parsed.error?.issues ?? [], `${operation} ${res.status}: ${JSON.stringify(body).slice(0, 500)}`).toEqual(
        [],
      );
      expect(parsed.data, `${operation} ${res.status} answers fields its schema does not describe`).toEqual(body);
      return { status: res.status, body };
    }
  }
  // A stream is not read to its end (the test aborts it); other bodies are text.
  return { status: res.status, body: mediaTypes.includes('text/event-stream') ? undefined : await res.text() };
}

const withToken = (body?: unknown, contentType = 'application/json') => ({
  headers: { authorization: `Bearer ${TOKEN}`, 'content-type': contentType },
  ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
});

describe('real answers match the schemas the document declares', () => {
  it('for health, liveness, settings and rules', async () => {
    expect((await call('GET /api/health', '/api/health')).status).toBe(503);
    expect((await call('GET /api/health/live', '/api/health/live')).status).toBe(200);
    expect((await call('GET /api/config', '/api/config')).status).toBe(200);
    expect((await call('GET /api/rules', '/api/rules?resource_id=web-1&metric=cpu')).status).toBe(200);
    expect((await call('GET /api/rules', '/api/rules?metric=disk')).status).toBe(400);
  });

  it('for resources, metrics and forecasts', async () => {
    expect((await call('GET /api/resources', '/api/resources')).status).toBe(200);
    expect((await call('GET /api/metrics', '/api/metrics?resource_id=web-1&step=1m')).status).toBe(200);
    expect((await call('GET /api/metrics', '/api/metrics?range=2h')).status).toBe(400);
    expect((await call('GET /api/metrics', '/api/metrics?resource_id=ghost')).status).toBe(404);
    for (const query of ['', '?points=true', '?resource_id=web-1', '?resource_id=web-2']) {
      expect((await call('GET /api/forecast', `/api/forecast${query}`)).status, query).toBe(200);
    }
    expect((await call('GET /api/forecast', '/api/forecast?resource_id=ghost')).status).toBe(404);
  });

  it('for alerts and their acknowledgement', async () => {
    expect((await call('GET /api/alerts', '/api/alerts')).status).toBe(200);
    expect((await call('GET /api/alerts', '/api/alerts?limit=0')).status).toBe(400);
    const ack = `/api/alerts/${encodeURIComponent(EPISODE)}/ack`;
    expect((await call('POST /api/alerts/{episodeId}/ack', ack, withToken({ ackedBy: 'ops' }))).status).toBe(201);
    expect((await call('POST /api/alerts/{episodeId}/ack', ack, { body: '{"ackedBy": "ops"}' })).status).toBe(401);
    expect((await call('POST /api/alerts/{episodeId}/ack', ack, withToken({ ackedBy: '' }))).status).toBe(400);
    expect(
      (
        await call(
          'POST /api/alerts/{episodeId}/ack',
          ack,
          withToken('ackedBy=ops', 'application/x-www-form-urlencoded'),
        )
      ).status,
    ).toBe(415);
    expect(
      (await call('POST /api/alerts/{episodeId}/ack', '/api/alerts/nope/ack', withToken({ ackedBy: 'ops' }))).status,
    ).toBe(404);
  });

  it('for silences', async () => {
    const created = await call(
      'POST /api/silences',
      '/api/silences',
      withToken({ resource: 'web-*', durationMin: 30, createdBy: 'ops' }),
    );
    expect(created.status).toBe(201);
    expect(
      (await call('POST /api/silences', '/api/silences', withToken({ resource: 'web-*', createdBy: 'ops' }))).status,
    ).toBe(400);
    expect((await call('GET /api/silences', '/api/silences')).status).toBe(200);
    const { id } = (created.body as { silence: { id: string } }).silence;
    expect((await call('DELETE /api/silences/{id}', `/api/silences/${id}`, withToken())).status).toBe(204);
    expect((await call('DELETE /api/silences/{id}', `/api/silences/${id}`, withToken())).status).toBe(404);
  });

  it('for the test alert', async () => {
    expect((await call('POST /api/test-alert', '/api/test-alert', withToken({ requestedBy: 'ops' }))).status).toBe(200);
    alerterAnswers = 'error';
    expect((await call('POST /api/test-alert', '/api/test-alert', withToken())).status).toBe(502);
    expect((await call('POST /api/test-alert', '/api/test-alert', withToken({ requestedBy: 42 }))).status).toBe(400);
    expect((await call('POST /api/test-alert', '/api/test-alert', {})).status).toBe(401);
  });

  it('for the audit trail', async () => {
    expect((await call('GET /api/audit', '/api/audit?limit=5', withToken())).status).toBe(200);
    expect((await call('GET /api/audit', '/api/audit?limit=0', withToken())).status).toBe(400);
    expect((await call('GET /api/audit', '/api/audit', {})).status).toBe(401);
  });

  it('for the live stream, /metrics, the document and the docs', async () => {
    const stream = new AbortController();
    expect((await call('GET /api/stream', '/api/stream?resource_id=web-1', { signal: stream.signal })).status).toBe(
      200,
    );
    stream.abort();
    expect((await call('GET /api/stream', '/api/stream?resource_id=')).status).toBe(400);
    expect((await call('GET /metrics', '/metrics')).status).toBe(200);
    expect((await call('GET /api/openapi.json', '/api/openapi.json')).status).toBe(200);
    expect((await call('GET /api/docs', '/api/docs')).status).toBe(200);
    expect((await call('GET /api/docs/{file}', '/api/docs/swagger-ui.css')).status).toBe(200);
    expect((await call('GET /api/docs/{file}', '/api/docs/swagger-ui-bundle.js')).status).toBe(200);
    expect((await call('GET /api/docs/{file}', '/api/docs/nope.js')).status).toBe(404);
  });

  it('for scaling', async () => {
    expect((await call('GET /api/scaling', '/api/scaling')).status).toBe(200);
    expect((await call('GET /api/scaling/{target}/decisions', '/api/scaling/web/decisions?limit=5')).status).toBe(200);
    expect((await call('GET /api/scaling/{target}/decisions', '/api/scaling/web/decisions?limit=0')).status).toBe(400);
    expect((await call('GET /api/scale/{target}', '/api/scale/web')).status).toBe(200);
    expect((await call('GET /api/scale/{target}', '/api/scale/ghost')).status).toBe(404);
    expect((await call('GET /api/scale/{target}', '/api/scale/Not.A.Name')).status).toBe(400);
    expect(
      (await call('POST /api/scaling/{target}/pause', '/api/scaling/web/pause', withToken({ pausedBy: 'ops' }))).status,
    ).toBe(200);
    expect(
      (await call('POST /api/scaling/{target}/pause', '/api/scaling/web/pause', withToken({ pausedBy: '' }))).status,
    ).toBe(400);
    expect(
      (
        await call(
          'POST /api/scaling/{target}/pause',
          '/api/scaling/web/pause',
          withToken('pausedBy=ops', 'text/plain'),
        )
      ).status,
    ).toBe(415);
    expect(
      (await call('POST /api/scaling/{target}/pause', '/api/scaling/ghost/pause', withToken({ pausedBy: 'ops' })))
        .status,
    ).toBe(404);
    expect((await call('POST /api/scaling/{target}/resume', '/api/scaling/web/resume', withToken())).status).toBe(200);
    expect((await call('POST /api/scaling/{target}/resume', '/api/scaling/web/resume', {})).status).toBe(401);
  });

  it('has checked an answer of every documented operation', () => {
    expect([...checked].sort()).toEqual(documentedOperations().sort());
  });
});
