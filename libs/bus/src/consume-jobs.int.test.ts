import { afterAll, describe, expect, it } from 'vitest';
import { alertDeliveryJobEvent } from '@autoscale/contracts';
import type { AlertDeliveryJob } from '@autoscale/contracts';
import { createCounters, createLogger } from '@autoscale/observability';
import { consumeJobs } from './consume-jobs';
import type { Job, JobOutcome } from './consume-jobs';
import { AckPolicy, RetentionPolicy } from '@nats-io/jetstream';
import { PermanentError } from './parse-message';
import { ensureBus } from './provision';
import { createJetStream } from './publish';
import { publish } from './typed-publish';
import { createTestBus, readStream } from './testing/index';
import type { TestBus } from './testing/index';

const WAIT = { timeout: 20_000, interval: 50 };
const log = createLogger('bus-test', 'silent');

const job = (id: string): AlertDeliveryJob => ({
  v: 1,
  alert: {
    v: 1,
    id,
    resourceId: 'db-1',
    metric: 'cpu',
    kind: 'breach',
    severity: 'critical',
    breachAt: null,
    message: 'cpu of db-1 above 90 %',
    firedAt: '2026-03-01T12:00:00.000Z',
  },
  channel: 'slack',
  enqueuedAt: '2026-03-01T12:00:00.000Z',
});

const buses: TestBus[] = [];
const loops: Array<{ stop: () => Promise<void> }> = [];

async function queue(handler: (job: Job<AlertDeliveryJob>) => Promise<JobOutcome>, concurrency = 2) {
  const bus = await createTestBus();
  buses.push(bus);
  await ensureBus(bus.nc, bus.names, { replicas: 1 });
  const js = createJetStream(bus.nc);
  // A work queue with one durable, as the alerter's delivery queue (@autoscale/alert-stores).
  const jsm = await js.jetstreamManager();
  await jsm.streams.add({
    name: bus.names.streams.alertDeliveries,
    subjects: [bus.names.subjects.alertDeliverAll],
    retention: RetentionPolicy.Workqueue,
  });
  await jsm.consumers.add(bus.names.streams.alertDeliveries, {
    durable_name: bus.names.durables.alerterDeliver('slack'),
    filter_subject: bus.names.subjects.alertDeliver('slack'),
    ack_policy: AckPolicy.Explicit,
    ack_wait: 30_000_000_000,
    max_deliver: -1,
  });
  const counters = createCounters();
  const loop = await consumeJobs({
    js,
    names: bus.names,
    event: alertDeliveryJobEvent,
    durable: bus.names.durables.alerterDeliver('slack'),
    concurrency,
    handler,
    log,
    counters,
  });
  loops.push(loop);
  return { bus, counters, add: (id: string) => publish(js, bus.names, alertDeliveryJobEvent, job(id)) };
}

describe('consumeJobs', () => {
  afterAll(async () => {
    await Promise.all(loops.map((l) => l.stop()));
    await Promise.all(buses.map((b) => b.cleanup()));
  });

  it('tries a job again after the delay its handler asks for, without holding up the next job', async () => {
    const seen: string[] = [];
    const { add } = await queue(async ({ event, deliveryCount }) => {
      seen.push(`${event.alert.id}#${deliveryCount}`);
      if (event.alert.id === 'slow' && deliveryCount === 1) return { done: false, retryInMs: 1_500 };
      return { done: true };
    });
    await add('slow');
    await add('quick');
    await expect.poll(() => seen, WAIT).toEqual(['slow#1', 'quick#1', 'slow#2']);
  });

  it('moves a job its handler rejects as permanent to the dead-letter stream, with the reason', async () => {
    const { bus, add, counters } = await queue(async ({ event }) => {
      if (event.alert.id === 'bad') throw new PermanentError('webhook URL refused');
      return { done: true };
    });
    await add('bad');
    await add('good');
    await expect.poll(() => counters.snapshot()['dead_lettered'] ?? 0, WAIT).toBe(1);
    const letters = await readStream(bus.nc, bus.names.streams.deadletter);
    expect(letters.map((l) => (l.json as AlertDeliveryJob).alert.id)).toEqual(['bad']);
    expect(counters.snapshot()['handled']).toBe(1);
  });

  it('retries a job whose handler throws for a passing reason, and it then succeeds', async () => {
    let calls = 0;
    const { add, counters } = await queue(async () => {
      calls++;
      if (calls === 1) throw new Error('claim bucket unavailable');
      return { done: true };
    });
    await add('flaky');
    await expect.poll(() => counters.snapshot()['handled'] ?? 0, WAIT).toBe(1);
    expect(counters.snapshot()['retried']).toBe(1);
  });
});
