import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleActuationJobEvent } from '@autoscale/contracts';
import { openClaimStore } from '@autoscale/bus';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { eventually, startTestServer } from '@autoscale/testing';
import type { TestRequest, TestServer } from '@autoscale/testing';
import { verifyWebhook } from '@autoscale/webhook-signature';
import { decisionAt } from '../testing/decision';
import { scalerHarness } from '../testing/scaler-harness';
import { startActuationWorker } from './actuation-worker';
import { webhookActuator } from './webhook.actuator';

const SECRET = 'a-webhook-secret-of-some-length';

describe('actuation worker (durable delivery of decisions)', () => {
  let bus: TestBus;
  let hook: TestServer;
  const received: TestRequest[] = [];
  let answers: number[] = [];
  let worker: Awaited<ReturnType<typeof startActuationWorker>>;
  let h: Awaited<ReturnType<typeof scalerHarness>>;

  beforeAll(async () => {
    bus = await createTestBus();
    hook = await startTestServer((req) => {
      received.push(req);
      return { status: answers.shift() ?? 200, body: '' };
    });
    h = await scalerHarness(bus, [], 'act');
    const actuator = webhookActuator({ url: `${hook.url}/scale`, secret: SECRET, timeoutMs: 2_000 });
    worker = await startActuationWorker(h.js, 2, {
      names: bus.names,
      claims: await openClaimStore(bus.bus, bus.names.kv.scaleClaims),
      controls: h.controls,
      publish: h.deps.publish,
      actuators: new Map([
        ['web', actuator],
        ['api', actuator],
        ['old', actuator],
      ]),
      log: h.deps.log,
      counters: h.deps.counters,
      owner: 'test',
      leaseMs: 5_000,
      initialRetryMs: 100,
      maxRetryMs: 200,
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await hook?.close();
    await bus?.cleanup();
  });

  const enqueue = (target: string, forecastAt: number, desired = 5) =>
    h.deps.publish(scaleActuationJobEvent, {
      v: 1,
      decision: decisionAt(forecastAt, { target, desired, actuator: 'webhook' }),
      enqueuedAt: new Date().toISOString(),
    });
  const statuses = async (target: string) =>
    (await h.actuationUpdates()).filter((u) => u.target === target).map((u) => u.status);

  it('posts the decision signed, with its idempotency key, retrying a 503 until done', async () => {
    answers = [503];
    const t = Date.now();
    await enqueue('web', t, 7);
    await eventually(
      'the decision done',
      async () => ((await statuses('web')).includes('done') ? true : undefined),
      10_000,
    );
    expect(await statuses('web')).toEqual(['retrying', 'done']);
    const posts = received.filter((r) => JSON.parse(r.body).target === 'web');
    expect(posts).toHaveLength(2);
    const post = posts[1]!;
    expect(post.headers['idempotency-key']).toBe(`web:${new Date(t).toISOString()}`);
    expect(JSON.parse(post.body)).toMatchObject({
      target: 'web',
      desired: 7,
      decisionId: `web:${new Date(t).toISOString()}`,
    });
    const timestampSec = Number(post.headers['x-autoscale-timestamp']);
    expect(
      verifyWebhook({
        secret: SECRET,
        timestampSec,
        body: post.body,
        signature: String(post.headers['x-autoscale-signature']),
        nowSec: Math.floor(Date.now() / 1000),
      }),
    ).toBe(true);
  });

  it('records a final refusal as failed, shown with its error', async () => {
    answers = [400];
    await enqueue('api', Date.now());
    await eventually(
      'the failure recorded',
      async () => ((await statuses('api')).includes('failed') ? true : undefined),
      10_000,
    );
    expect((await h.actuationUpdates()).find((u) => u.target === 'api')).toMatchObject({
      status: 'failed',
      error: 'webhook answered 400',
      attempts: 1,
    });
  });

  it('never executes a decision older than its lead time', async () => {
    const before = received.length;
    await enqueue('old', Date.now() - 6 * 60_000);
    await eventually(
      'the decision skipped',
      async () => ((await statuses('old')).includes('skipped') ? true : undefined),
      10_000,
    );
    expect(received.length).toBe(before);
  });
});
