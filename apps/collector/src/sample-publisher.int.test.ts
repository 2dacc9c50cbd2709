import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstream, jetstreamManager } from '@autoscale/bus/testing';
import type { JetStreamManager } from '@autoscale/bus/testing';
import { ensureBus } from '@autoscale/bus';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { createCounters } from '@autoscale/observability';
import { createSamplePublisher } from './sample-publisher';
import { captureLogger } from '@autoscale/testing';
import type { ResourceSample } from './providers/provider';

const NOW = Date.now();
let bus: TestBus;
let jsm: JetStreamManager;

beforeAll(async () => {
  bus = await createTestBus();
  jsm = await jetstreamManager(bus.nc);
  await ensureBus(bus.nc, bus.names, { replicas: 1 });
});
afterAll(() => bus.cleanup());

function publisherFor(provider: string) {
  const counters = createCounters();
  const capture = captureLogger();
  const publisher = createSamplePublisher({
    js: jetstream(bus.nc),
    jsm,
    names: bus.names,
    provider,
    log: capture.log,
    counters,
    bounds: { now: () => NOW, maxClockSkewSec: 300 },
  });
  return { publisher, counters, ...capture };
}

const sample = (over: Partial<ResourceSample> = {}): ResourceSample => ({
  resourceId: 'web-1',
  ts: new Date(NOW - 60_000),
  metrics: { cpu: 50 },
  ...over,
});

async function storedFor(provider: string, resourceId: string) {
  const subject = bus.names.subjects.metricSampled(provider, resourceId);
  const info = await jsm.streams.info(bus.names.streams.metrics, { subjects_filter: subject });
  return info.state.subjects?.[subject] ?? 0;
}

describe('sample publisher', () => {
  it('clamps a percentage a hair past 100 to 100 and publishes it', async () => {
    const { publisher } = publisherFor('clamp');
    expect(await publisher.publish(sample({ metrics: { cpu: 100.4, mem: -0.1 } }))).toBe(true);
    const stored = await jsm.streams.getMessage(bus.names.streams.metrics, {
      last_by_subj: bus.names.subjects.metricSampled('clamp', 'web-1'),
    });
    expect(stored?.json<{ metrics: unknown }>().metrics).toEqual({ cpu: 100, mem: 0 });
  });

  it.each([
    ['an absurd percentage', sample({ metrics: { cpu: 140 } })],
    ['a non-finite value', sample({ metrics: { cpu: Number.NaN } })],
    ['a time from the future', sample({ ts: new Date('2999-01-01T00:00:00Z') })],
    ['a time before 2000', sample({ ts: new Date('1999-01-01T00:00:00Z') })],
    ['a NUL in a label', sample({ labels: { zone: 'a\u0000' } })],
    ['a label of a megabyte', sample({ labels: { zone: 'x'.repeat(1_000_000) } })],
    ['a resource id over 256 characters', sample({ resourceId: 'r'.repeat(300) })],
  ])('never emits a sample with %s, and counts it', async (_what, bad) => {
    const provider = `bad${Math.random().toString(36).slice(2, 8)}`;
    const { publisher, counters, at } = publisherFor(provider);
    expect(await publisher.publish(bad)).toBe(false);
    expect(await publisher.publish(bad)).toBe(false);
    expect(counters.get('invalid_samples')).toBe(2);
    expect(at('warn').filter((l) => l.msg?.startsWith('provider sample refused'))).toHaveLength(1);
    expect(await storedFor(provider, bad.resourceId)).toBe(0);
  });
});
