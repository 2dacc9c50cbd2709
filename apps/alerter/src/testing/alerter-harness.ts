import { randomUUID } from 'node:crypto';
import { AlertStreamEvent } from '@autoscale/contracts';
import type { AlertDeliveryUpdated, AlertFired, ForecastUpdated } from '@autoscale/contracts';
import { ensureDeliveryQueue, openSilenceStore } from '@autoscale/alert-stores';
import { createJetStream, openClaimStore, publisher } from '@autoscale/bus';
import { readStream } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { DEFAULT_ALERT_RULE_PARAMS } from '@autoscale/forecasting';
import type { AlertRuleParams } from '@autoscale/forecasting';
import { createCounters, createLogger } from '@autoscale/observability';
import { openAlertStore } from '../alert-store';
import type { Channel } from '../channels/channel';
import { startDeliveryWorker } from '../delivery/delivery-worker';
import { createMuting } from '../delivery/muting';
import { handleForecastUpdated } from '../forecast-updated.handler';
import type { AlerterDeps } from '../alerter-deps';

const iso = (ms: number) => new Date(ms).toISOString();

/** A forecast at `t` (ms): `breachInMin` null means no crossing forecast. */
export function forecastAt(
  resourceId: string,
  t: number,
  current: number,
  breachInMin: number | null,
): ForecastUpdated {
  const breachAt = breachInMin === null ? null : iso(t + breachInMin * 60_000);
  return {
    v: 1,
    resourceId,
    metric: 'cpu',
    generatedAt: iso(t),
    model: 'holt',
    threshold: 90,
    current,
    slopePerMin: 0.5,
    breachAt,
    breachInMin,
    interval: breachAt ? { earliest: breachAt, latest: breachAt } : null,
    points: [],
    samples: 50,
  };
}

export type HarnessOptions = {
  params?: Partial<AlertRuleParams>;
  maxAgeMs?: number;
  leaseMs?: number;
  giveUpMs?: number;
  initialRetryMs?: number;
};

/**
 * One alerter replica, in process, on a test bus: the decider's deps and, once `start`ed,
 * a delivery worker per channel. Several replicas on one bus share the buckets and queues
 * as separate processes would.
 */
export async function startAlerterReplica(bus: TestBus, channels: Channel[], opts: HarnessOptions = {}) {
  await bus.bus.ensure();
  await ensureDeliveryQueue(
    bus.bus,
    channels.map((c) => c.name),
    opts.leaseMs ?? 5_000,
  );
  const log = createLogger('alerter-test', 'silent');
  const [store, claims, silences] = await Promise.all([
    openAlertStore(bus.bus, log),
    openClaimStore(bus.bus, bus.names.kv.alertClaims),
    openSilenceStore(bus.bus),
  ]);
  const js = createJetStream(bus.nc);
  const counters = createCounters();
  const publish = publisher(js, bus.names);
  const muted = createMuting(silences);
  const params = { ...DEFAULT_ALERT_RULE_PARAMS, warmupCount: 1, ...opts.params };
  const deps: AlerterDeps = {
    store,
    channelsFor: () => channels.map((c) => c.name),
    paramsFor: () => params,
    names: bus.names,
    publish,
    log,
    counters,
    maxAgeMs: opts.maxAgeMs ?? 10 * 60_000,
    maxSkewMs: 300_000,
    muted,
  };
  const workers = await Promise.all(
    channels.map((channel) =>
      startDeliveryWorker(js, channel, 4, {
        names: bus.names,
        claims,
        publish,
        muted,
        log,
        counters,
        owner: randomUUID(),
        leaseMs: opts.leaseMs ?? 5_000,
        giveUpMs: opts.giveUpMs ?? 60_000,
        initialRetryMs: opts.initialRetryMs ?? 200,
        maxRetryMs: 2_000,
      }),
    ),
  );
  return {
    deps,
    store,
    silences,
    counters,
    handle: (event: ForecastUpdated) => handleForecastUpdated(event, deps),
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
      for (const channel of channels) channel.close?.();
    },
  };
}

/** Everything on the ALERTS stream: the notifications and their delivery updates. */
export async function alertStream(bus: TestBus): Promise<{ alerts: AlertFired[]; updates: AlertDeliveryUpdated[] }> {
  const alerts: AlertFired[] = [];
  const updates: AlertDeliveryUpdated[] = [];
  for (const stored of await readStream(bus.nc, bus.names.streams.alerts)) {
    const event = AlertStreamEvent.parse(stored.json);
    if ('alertKey' in event) updates.push(event);
    else alerts.push(event);
  }
  return { alerts, updates };
}

/** The final status of each channel's delivery of each alert, `<alert id>:<kind>:<channel>` → status. */
export function finalStatuses(updates: AlertDeliveryUpdated[]): Map<string, AlertDeliveryUpdated> {
  const final = new Map<string, AlertDeliveryUpdated>();
  for (const u of updates) {
    if (u.status === 'retrying' || u.status === 'pending') continue;
    final.set(`${u.alertKey}:${u.channel}`, u);
  }
  return final;
}
