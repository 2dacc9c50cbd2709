import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleDecidedEvent, scaleActuationUpdatedEvent, scaleDecidedMsgId } from '@autoscale/contracts';
import type { ScaleDecided } from '@autoscale/contracts';
import { createJetStream, publish } from '@autoscale/bus';
import { createCounters, createLogger } from '@autoscale/observability';
import { eventually } from '@autoscale/testing';
import { startProjections } from '../projections';
import { hpaReplicasFor, kedaMetricsApiValue } from '../testing/keda-metrics-api';
import { createTestGateway } from '../testing/test-gateway';
import type { TestGateway } from '../testing/test-gateway';

const TOKEN = 'correct-horse-battery-staple-2026';
const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const MIN = 60_000;

const decided = (target: string, forecastAt: number, o: Partial<ScaleDecided> = {}): ScaleDecided => ({
  v: 1,
  target,
  metric: 'cpu',
  forecastAt: new Date(forecastAt).toISOString(),
  decidedAt: new Date(forecastAt + 1_000).toISOString(),
  mode: 'act',
  paused: false,
  action: 'scale-out',
  current: 4,
  desired: 6,
  forecastCapacity: 6,
  currentUtilization: 55,
  expectedUtilization: 88,
  breachProbability: 0.4,
  targetUtilization: 60,
  minCapacity: 2,
  maxCapacity: 40,
  leadMin: 5,
  actuator: 'keda',
  execute: true,
  reason: 'expected 88% (upper bound) in 5 min > target 60% on 4: 6',
  members: [],
  ...o,
});

let gateway: TestGateway;
let app: ReturnType<TestGateway['app']>;
let projections: Awaited<ReturnType<typeof startProjections>>;
const now = Date.now();

beforeAll(async () => {
  gateway = await createTestGateway();
  app = gateway.app({ API_TOKEN: TOKEN });
  const { bus } = gateway;
  await bus.bus.ensure();
  const js = createJetStream(bus.nc);
  const log = createLogger('test', 'silent');
  projections = await startProjections({
    nc: bus.nc,
    js,
    db: gateway.db,
    names: bus.names,
    log,
    counters: createCounters(),
    bounds: { now: Date.now, maxClockSkewSec: 300 },
  });
  const events = [
    decided('web', now - 2 * MIN, { desired: 4, forecastCapacity: 3, action: 'hold', execute: true }),
    decided('web', now - MIN),
    decided('batch', now - 30 * MIN, { actuator: 'aws-asg', desired: 9, forecastCapacity: 9 }),
    decided('shadow', now - MIN, { mode: 'recommend', execute: false, desired: 12, forecastCapacity: 12 }),
  ];
  for (const e of events) await publish(js, bus.names, scaleDecidedEvent, e);
  await publish(js, bus.names, scaleActuationUpdatedEvent, {
    v: 1,
    decisionId: scaleDecidedMsgId(events[2]!),
    target: 'batch',
    actuator: 'aws-asg',
    desired: 9,
    status: 'done',
    attempts: 1,
    applied: 8,
    at: new Date(now - 29 * MIN).toISOString(),
  });
  await eventually(
    'the decisions projected',
    async () => {
      const body = (await (await app.request('/api/scaling')).json()) as {
        targets: Array<{ decisions: Array<{ actuation: unknown }> }>;
      };
      return body.targets.length === 3 && body.targets[0]?.decisions[0]?.actuation ? true : undefined;
    },
    10_000,
  );
});
afterAll(async () => {
  await projections?.stop();
  await gateway?.close();
});

describe('GET /api/scale/{target} (KEDA metrics-api)', () => {
  it("serves the newest decision's desired capacity where KEDA's valueLocation finds it", async () => {
    const res = await app.request('/api/scale/web');
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    expect(body).toMatchObject({
      target: 'web',
      desiredReplicas: 6,
      expectedUtilization: 88,
      breachProbability: 0.4,
      stale: false,
    });
    expect(hpaReplicasFor(kedaMetricsApiValue(body, 'desiredReplicas'), 1)).toBe(6);
  });

  it('answers the minimum for a stale decision and for a recommendation: they never hold capacity up', async () => {
    expect(await (await app.request('/api/scale/batch')).json()).toMatchObject({
      desiredReplicas: 2,
      recommendedReplicas: 9,
      stale: true,
    });
    expect(await (await app.request('/api/scale/shadow')).json()).toMatchObject({
      desiredReplicas: 2,
      recommendedReplicas: 12,
      mode: 'recommend',
    });
  });

  it('answers 404 for a target without decisions and 400 for an invalid name', async () => {
    expect((await app.request('/api/scale/nothing')).status).toBe(404);
    expect((await app.request('/api/scale/Bad.Name')).status).toBe(400);
  });
});

describe('GET /api/scaling', () => {
  it('lists every target with its value, its changes with reasons, and how executing them went', async () => {
    const body = (await (await app.request('/api/scaling')).json()) as { targets: Array<Record<string, unknown>> };
    expect(body.targets.map((t) => t['target'])).toEqual(['batch', 'shadow', 'web']);
    expect(body.targets[0]).toMatchObject({
      actuator: 'aws-asg',
      decisions: [{ desired: 9, actuation: { status: 'done', applied: 8, attempts: 1 } }],
    });
    expect(body.targets[2]).toMatchObject({
      value: { desiredReplicas: 6, currentReplicas: 4 },
      pause: null,
      decisions: [
        { desired: 6, reason: 'expected 88% (upper bound) in 5 min > target 60% on 4: 6' },
        { action: 'hold' },
      ],
    });
  });

  it("lists a target's decisions over time", async () => {
    const body = (await (await app.request('/api/scaling/web/decisions')).json()) as {
      decisions: Array<{ desired: number }>;
    };
    expect(body.decisions.map((d) => d.desired)).toEqual([6, 4]);
  });
});

describe('pause and resume', () => {
  it('need the token', async () => {
    const res = await app.request('/api/scaling/web/pause', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pausedBy: 'x' }),
    });
    expect(res.status).toBe(401);
  });

  it('a paused target serves its minimum at once and shows who paused it; resuming restores the decision', async () => {
    const paused = await app.request('/api/scaling/web/pause', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ pausedBy: 'ops', comment: 'load test' }),
    });
    expect(await paused.json()).toEqual({ target: 'web', paused: true });
    expect(await (await app.request('/api/scale/web')).json()).toMatchObject({ desiredReplicas: 2, paused: true });
    const list = (await (await app.request('/api/scaling')).json()) as {
      targets: Array<{ target: string; pause: unknown }>;
    };
    expect(list.targets.find((t) => t.target === 'web')?.pause).toMatchObject({
      pausedBy: 'api-token',
      comment: 'load test',
    });
    const resumed = await app.request('/api/scaling/web/resume', {
      method: 'POST',
      headers: { authorization: auth.authorization },
    });
    expect(await resumed.json()).toEqual({ target: 'web', paused: false });
    expect(await (await app.request('/api/scale/web')).json()).toMatchObject({ desiredReplicas: 6, paused: false });
  });

  it('refuses an unknown target', async () => {
    const res = await app.request('/api/scaling/nothing/resume', {
      method: 'POST',
      headers: { authorization: auth.authorization },
    });
    expect(res.status).toBe(404);
  });
});

describe('GET /metrics', () => {
  it('carries each target as gauges', async () => {
    const text = await (await app.request('/metrics')).text();
    expect(text).toContain('autoscale_scale_desired_replicas{target="web"} 6');
    expect(text).toContain('autoscale_scale_desired_replicas{target="batch"} 2');
    expect(text).toContain('autoscale_scale_recommended_replicas{target="shadow"} 12');
    expect(text).toContain('autoscale_scale_expected_utilization{target="web"} 88');
  });
});
