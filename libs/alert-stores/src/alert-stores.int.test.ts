import { afterAll, describe, expect, it } from 'vitest';
import type { AlertSilence } from '@autoscale/contracts';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { ensureDeliveryQueue } from './delivery-queue';
import { openSilenceStore } from './silence-store';

const buses: TestBus[] = [];
afterAll(async () => {
  for (const bus of buses) await bus.cleanup();
});

async function freshBus() {
  const bus = await createTestBus();
  buses.push(bus);
  return bus;
}

describe('ensureDeliveryQueue', () => {
  it('creates the work queue with one durable per channel, and brings a changed lease up to date when run again', async () => {
    const { bus } = await freshBus();
    await ensureDeliveryQueue(bus, ['slack', 'email'], 30_000);
    await ensureDeliveryQueue(bus, ['slack', 'email'], 60_000);

    const jsm = await bus.js.jetstreamManager();
    const info = await jsm.streams.info(bus.names.streams.alertDeliveries);
    expect(info.config.retention).toBe('workqueue');
    expect(info.config.num_replicas).toBe(bus.replicas);
    const slack = await jsm.consumers.info(
      bus.names.streams.alertDeliveries,
      bus.names.durables.alerterDeliver('slack'),
    );
    expect(slack.config.ack_wait).toBe(60_000_000_000);
  });
});

describe('openSilenceStore', () => {
  it('keeps a silence for every replica to read, and deletes it once', async () => {
    const { bus } = await freshBus();
    const store = await openSilenceStore(bus);
    const now = Date.now();
    const silence: AlertSilence = {
      v: 1,
      id: 's1',
      resource: 'web-*',
      metric: 'cpu',
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 60_000).toISOString(),
      comment: 'maintenance',
      createdBy: 'ops',
      createdAt: new Date(now).toISOString(),
    };
    await store.putSilence(silence);

    const other = await openSilenceStore(bus);
    expect((await other.listSilences()).map((s) => s.id)).toEqual(['s1']);
    expect((await other.silenceFor('web-3', 'cpu', now + 1_000))?.id).toBe('s1');
    expect(await other.deleteSilence('s1')).toBe(true);
    expect(await store.deleteSilence('s1')).toBe(false);
  });
});
