import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { INITIAL_ALERT_RULE_STATE } from '@autoscale/forecasting';
import { captureLogger } from '@autoscale/testing';
import { ALERT_RECORD_VERSION } from './alert-record';
import type { AlertRecord } from './alert-record';
import { alertKey, openAlertStore } from './alert-store';

let bus: TestBus;
beforeAll(async () => {
  bus = await createTestBus();
});
afterAll(() => bus?.cleanup());

const record: AlertRecord = {
  rule: {
    ...INITIAL_ALERT_RULE_STATE,
    status: 'forecast',
    episodeStartedAt: 1_000,
    lastNotifiedAt: 1_000,
    aboveCount: 2,
  },
  lastForecastAt: 2_000,
  outbox: null,
};

/** The store over the real bucket, and the raw bucket to plant what an older or newer replica wrote. */
async function open() {
  const capture = captureLogger();
  const store = await openAlertStore(bus.bus, capture.log);
  const kv = await bus.bus.kv(bus.names.kv.alertState, { history: 1 });
  return { store, kv, ...capture };
}

describe('openAlertStore', () => {
  it('stores each record with its version and reads it back as written', async () => {
    const { store, kv, lines } = await open();
    const key = alertKey('web 1/ü', 'cpu');
    await store.write(key, record, 0);

    expect((await kv.get(key))?.json()).toMatchObject({ version: ALERT_RECORD_VERSION, lastForecastAt: 2_000 });
    expect((await store.read(key)).record).toEqual(record);
    expect(lines).toEqual([]);
  });

  it('migrates a record written before versions, saying so in the log, and writes it back versioned', async () => {
    const { store, kv, at } = await open();
    const key = alertKey('legacy', 'mem');
    const revision = await kv.put(key, JSON.stringify(record));

    const read = await store.read(key);
    expect(read).toEqual({ record, revision });
    expect(at('info')).toMatchObject([{ msg: 'alert state migrated to the current version', key, from: 0 }]);

    await store.write(key, read.record!, read.revision);
    expect((await kv.get(key))?.json()).toMatchObject({ version: ALERT_RECORD_VERSION });
  });

  it.each([
    ['a version it does not know', JSON.stringify({ version: ALERT_RECORD_VERSION + 1, ...record }), /unknown version/],
    [
      'a rule state of another shape',
      JSON.stringify({ version: ALERT_RECORD_VERSION, ...record, rule: { status: 'alarm' } }),
      /status/,
    ],
    ['text that is not JSON', '{"version": 1, "rule":', /not JSON/],
  ])('refuses %s with an error in the log, and lets the next write replace it', async (_case, stored, reason) => {
    const { store, kv, at } = await open();
    const key = alertKey(`refused-${_case}`, 'cpu');
    const revision = await kv.put(key, stored);

    const read = await store.read(key);
    expect(read).toEqual({ record: null, revision });
    expect(at('error')).toMatchObject([
      { msg: 'alert state refused: the series starts again from the initial state', key },
    ]);
    expect(String(at('error')[0]?.['reason'])).toMatch(reason);

    const written = await store.write(key, record, read.revision);
    expect(written).toBeGreaterThan(revision);
    expect((await store.read(key)).record).toEqual(record);
  });
});
