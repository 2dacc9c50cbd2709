import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ensureDeliveryQueue, openSilenceStore } from '@autoscale/alert-stores';
import { openBus, openClaimStore } from '@autoscale/bus';
import { loadAlertRulesOrExit } from '@autoscale/config';
import {
  createCounters,
  createLogger,
  onShutdown,
  retryWithBackoff,
  startLivenessFile,
} from '@autoscale/observability';
import { MS_PER_MIN } from '@autoscale/time-units';
import { openAlertStore } from './alert-store';
import { configuredChannels } from './channels/configured-channels';
import { alertMaxAgeMs, loadAlerterConfig } from './config';
import { startDeliveryWorker } from './delivery/delivery-worker';
import { createMuting } from './delivery/muting';
import { handleForecastUpdated } from './forecast-updated.handler';
import { seriesRules } from './series-rules';
import { serveTestAlerts } from './test-alert.responder';

const config = loadAlerterConfig();
const rules = loadAlertRulesOrExit('alerter', config.ALERT_RULES_FILE);
const log = createLogger('alerter', config.LOG_LEVEL);
const counters = createCounters();
const leaseMs = config.ALERT_DELIVERY_LEASE_SEC * 1000;

const bus = await openBus(config, { service: 'alerter', log, counters });
const { nc, js, names, publish } = bus;
await bus.ensure();
const [store, claims, silences] = await retryWithBackoff(
  () => Promise.all([openAlertStore(bus, log), openClaimStore(bus, bus.names.kv.alertClaims), openSilenceStore(bus)]),
  { what: 'alert buckets', log },
);
// Alertmanager re-sends the open episodes' alerts that the rules route to it. channelsFor is
// defined below, from the channels' names; the first re-send runs long after start.
const openAlerts = async () =>
  (await store.openNotices()).filter((a) => channelsFor(a.resourceId, a.metric, a.labels).includes('alertmanager'));
const channels = configuredChannels(config, { log, counters, openAlerts });
await retryWithBackoff(
  () =>
    ensureDeliveryQueue(
      bus,
      channels.map((c) => c.name),
      leaseMs,
    ),
  { what: 'delivery queue', log },
);
await bus.register();

const muted = createMuting(silences);
const { paramsFor, channelsFor } = seriesRules(
  rules,
  config,
  channels.map((c) => c.name),
);
const deps = {
  store,
  channelsFor,
  paramsFor,
  names,
  publish,
  log,
  counters,
  maxAgeMs: alertMaxAgeMs(config),
  maxSkewMs: config.MAX_CLOCK_SKEW_SEC * 1000,
  muted,
};
// Delivery runs apart from deciding: any replica sends any job, whichever partition decided it.
const workers = await Promise.all(
  channels.map((channel) =>
    startDeliveryWorker(js, channel, config.ALERT_DELIVERY_CONCURRENCY, {
      names,
      claims,
      publish,
      muted,
      log,
      counters,
      owner: `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
      leaseMs,
      giveUpMs: config.ALERT_DELIVERY_GIVEUP_MIN * MS_PER_MIN,
      initialRetryMs: 5_000,
      maxRetryMs: 10 * MS_PER_MIN,
    }),
  ),
);
const testAlerts = serveTestAlerts(nc, { channels, names, publish, log, counters });
// Each series' forecasts are decided by the one replica holding its partition, in order.
const loop = await bus.consumePartitions({
  event: bus.events.forecastUpdated,
  group: 'alerter',
  durable: names.durables.alerter,
  leaseTtlMs: config.PARTITION_LEASE_TTL_SEC * 1000,
  // Deciding only publishes (delivery jobs run apart), so a batch settles quickly.
  batchSize: 100,
  handler: async (_partition, batch) => {
    for (const { event } of batch) await handleForecastUpdated(event, deps);
  },
});
startLivenessFile({ file: config.LIVENESS_FILE, check: () => bus.flush(), log });

onShutdown(log, async () => {
  testAlerts.unsubscribe();
  await loop.stop();
  await Promise.all(workers.map((w) => w.stop()));
  for (const channel of channels) channel.close?.();
  await bus.close();
});
log.info(
  {
    channels: channels.map((c) => c.name),
    rules: rules.length,
    partitions: names.partitions,
    lookaheadMin: config.ALERT_LOOKAHEAD_MIN,
    maxAgeMin: deps.maxAgeMs / MS_PER_MIN,
  },
  'alerter ready',
);
