import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JetStreamManager } from '@nats-io/jetstream';
import { metricSampledEvent, metricSampledMsgId } from '@autoscale/contracts';
import type { MetricSampled } from '@autoscale/contracts';
import { PermanentError } from './parse-message';
import { ensureBus } from './provision';
import { createJetStream, publishEvent } from './publish';
import { InvalidEventError, publish, publishAll } from './typed-publish';
import type { JetStreamClient } from './publish';
import { createTestBus } from './testing/index';
import type { TestBus } from './testing/index';

const event: MetricSampled = {
  v: 1,
  provider: 'local',
  resourceId: 'db.primary',
  ts: '2026-03-01T12:00:00.000Z',
  metrics: { cpu: 33.3 },
};

describe('publishEvent', () => {
  let bus: TestBus;
  let js: JetStreamClient;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    bus = await createTestBus();
    jsm = await ensureBus(bus.nc, bus.names, { replicas: 1 });
    js = createJetStream(bus.nc);
  });
  afterAll(() => bus.cleanup());

  it('stores the event as JSON in the stream bound to its subject and returns the stream ack', async () => {
    const subject = bus.names.subjects.metricSampled(event.provider, event.resourceId);

    const ack = await publishEvent(js, subject, event, metricSampledMsgId(event));

    expect(ack.stream).toBe(bus.names.streams.metrics);
    expect(ack.duplicate).toBe(false);
    const stored = await jsm.streams.getMessage(bus.names.streams.metrics, { seq: ack.seq });
    expect(stored?.subject).toBe(subject);
    expect(stored?.json()).toEqual(event);
  });

  it('stores one message when the same msgID is published twice, and marks the second a duplicate', async () => {
    const again = { ...event, resourceId: 'dup-1' };
    const subject = bus.names.subjects.metricSampled(again.provider, again.resourceId);
    const before = (await jsm.streams.info(bus.names.streams.metrics)).state.messages;

    const first = await publishEvent(js, subject, again, metricSampledMsgId(again));
    // The same sample written with another spelling of its timestamp is still the same sample.
    const respelled = { ...again, ts: '2026-03-01T13:00:00+01:00' };
    const second = await publishEvent(js, subject, respelled, metricSampledMsgId(respelled));

    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(second.seq).toBe(first.seq);
    expect((await jsm.streams.info(bus.names.streams.metrics)).state.messages).toBe(before + 1);
  });

  it('rejects a subject no stream covers instead of losing the event silently', async () => {
    await expect(publishEvent(js, `${bus.namespace}.nowhere.at.all`, event, 'x')).rejects.toThrow();
  });

  it('publish() puts a valid event on its descriptor subject with its dedupe id', async () => {
    const typed = { ...event, resourceId: 'typed-1' };

    const ack = await publish(js, bus.names, metricSampledEvent, typed);
    const again = await publish(js, bus.names, metricSampledEvent, typed);

    const stored = await jsm.streams.getMessage(bus.names.streams.metrics, { seq: ack.seq });
    expect(stored?.subject).toBe(bus.names.subjects.metricSampled('local', 'typed-1'));
    expect(again.duplicate).toBe(true);
  });

  it('publish() refuses an event its contract rejects, naming the field, and stores nothing', async () => {
    const before = (await jsm.streams.info(bus.names.streams.metrics)).state.messages;
    const bad = { ...event, resourceId: 'bad-1', metrics: { cpu: 140 } };

    await expect(publish(js, bus.names, metricSampledEvent, bad)).rejects.toThrow(/metrics\.cpu/);
    await expect(publish(js, bus.names, metricSampledEvent, bad)).rejects.toBeInstanceOf(InvalidEventError);
    expect((await jsm.streams.info(bus.names.streams.metrics)).state.messages).toBe(before);
  });

  it('publishAll() stores every event, in order', async () => {
    const events = Array.from({ length: 600 }, (_, i) => ({
      ...event,
      resourceId: 'many',
      ts: new Date(Date.UTC(2026, 3, 1, 0, i)).toISOString(),
    }));

    const acks = await publishAll(js, bus.names, metricSampledEvent, events, 64);

    expect(acks.map((a) => a.duplicate)).toEqual(events.map(() => false));
    const seqs = acks.map((a) => a.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('refuses an event over 64 KB with a permanent error and stores nothing', async () => {
    const subject = bus.names.subjects.forecastUpdated('big', 'cpu');
    const before = (await jsm.streams.info(bus.names.streams.forecasts)).state.messages;
    const huge = {
      v: 1,
      points: Array.from({ length: 2048 }, () => ({ ts: event.ts, value: 1.234, lo: 1.111, hi: 1.999 })),
    };

    const publishing = publishEvent(js, subject, huge, 'big');

    await expect(publishing).rejects.toThrow(PermanentError);
    await expect(publishing).rejects.toThrow(/over the 65536-byte limit/);
    expect((await jsm.streams.info(bus.names.streams.forecasts)).state.messages).toBe(before);
  });
});
