import { boundedEvents, busNames } from '@autoscale/contracts';
import { connectNats, consumePartitions, createJetStream, ensureBus, publishEvent, registerService } from '@autoscale/bus';
import { DEFAULT_ALERT_RULE_PARAMS } from '@autoscale/forecasting';
import { createCounters, createLogger, onShutdown, retryWithBackoff, startLivenessFile } from '@autoscale/observability';
import { openAlertStore } from './alert-store';
import { configuredChannels } from './channels/configured-channels';
import { loadAlerterConfig } from './config';
import { handleForecastUpdated } from './forecast-updated.handler';
import { serveTestAlerts } from './test-alert.responder';

const config = loadAlerterConfig();
const log = createLogger('alerter', config.LOG_LEVEL);
const counters = createCounters();
const names = busNames(config.BUS_NAMESPACE, config.FORECASTER_PARTITIONS);

const nc = await connectNats({ url: config.NATS_URL, name: 'alerter', log, security: config });
await retryWithBackoff(() => ensureBus(nc, names, { replicas: config.STREAM_REPLICAS }), { what: 'JetStream', log });
const store = await retryWithBackoff(() => openAlertStore(nc, names.kv.alertState), { what: 'alert state bucket', log });
const js = createJetStream(nc);
await registerService(nc, names, 'alerter', counters);

const channels = configuredChannels(config);
const deps = {
  store,
  channels,
  params: {
    ...DEFAULT_ALERT_RULE_PARAMS,
    lookaheadMin: config.ALERT_LOOKAHEAD_MIN,
    renotifyMin: config.ALERT_RENOTIFY_MIN,
    clearMin: config.ALERT_CLEAR_MIN,
  },
  names,
  publish: (subject: string, event: unknown, msgId: string) => publishEvent(js, subject, event, msgId),
  log,
  counters,
};
const testAlerts = serveTestAlerts(nc, deps);
// Each series' forecasts are decided by the one replica holding its partition, in order.
const loop = await consumePartitions({
  nc,
  js,
  names,
  event: boundedEvents({ now: Date.now, maxClockSkewSec: config.MAX_CLOCK_SKEW_SEC }).forecastUpdated,
  group: 'alerter',
  durable: names.durables.alerter,
  leaseTtlMs: config.PARTITION_LEASE_TTL_SEC * 1000,
  // Deliveries run inside the handler: small batches keep each ack well within ack_wait.
  batchSize: 100,
  handler: async (_partition, batch) => {
    for (const { event } of batch) await handleForecastUpdated(event, deps);
  },
  log,
  counters,
});
startLivenessFile({ file: config.LIVENESS_FILE, check: () => nc.flush(), log });

onShutdown(log, async () => {
  testAlerts.unsubscribe();
  await loop.stop();
  await nc.drain();
});
log.info({ channels: channels.map((c) => c.name), lookaheadMin: config.ALERT_LOOKAHEAD_MIN }, 'alerter ready');
