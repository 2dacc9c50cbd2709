import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { busNames, ForecastUpdated } from '@autoscale/contracts';
import {
  connectNats,
  consumeDurable,
  createJetStream,
  ensureBus,
  ensureDeliveryQueue,
  openSilenceStore,
  publishEvent,
  serveStatus,
} from '@autoscale/bus';
import { loadAlertRulesOrExit } from '@autoscale/config';
import { createCounters, createLogger, onShutdown, retryWithBackoff } from '@autoscale/observability';
import { openAlertStore } from './alert-store';
import { configuredChannels } from './channels/configured-channels';
import { alertMaxAgeMs, loadAlerterConfig } from './config';
import { openClaimStore } from './delivery/claim-store';
import { startDeliveryWorker } from './delivery/delivery-worker';
import { createMuting } from './delivery/muting';
import { handleForecastUpdated } from './forecast-updated.handler';
import { seriesRules } from './series-rules';
import { serveTestAlerts } from './test-alert.responder';

const config = loadAlerterConfig();
const rules = loadAlertRulesOrExit('alerter', config.ALERT_RULES_FILE);
const log = createLogger('alerter', config.LOG_LEVEL);
const counters = createCounters();
const names = busNames(config.BUS_NAMESPACE);
const channels = configuredChannels(config);
const leaseMs = config.ALERT_DELIVERY_LEASE_SEC * 1000;

const nc = await connectNats({ url: config.NATS_URL, name: 'alerter', log });
await retryWithBackoff(() => ensureBus(nc, names), { what: 'JetStream', log });
await retryWithBackoff(() => ensureDeliveryQueue(nc, names, channels.map((c) => c.name), leaseMs), { what: 'delivery queue', log });
const [store, claims, silences] = await retryWithBackoff(
  () => Promise.all([openAlertStore(nc, names.kv.alertState), openClaimStore(nc, names.kv.alertClaims), openSilenceStore(nc, names.kv.alertSilences)]),
  { what: 'alert buckets', log },
);
const js = createJetStream(nc);
serveStatus(nc, names, 'alerter', counters);

const publish = (subject: string, event: unknown, msgId: string) => publishEvent(js, subject, event, msgId);
const muted = createMuting(silences);
const { paramsFor, channelsFor } = seriesRules(rules, config, channels.map((c) => c.name));
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
      giveUpMs: config.ALERT_DELIVERY_GIVEUP_MIN * 60_000,
      initialRetryMs: 5_000,
      maxRetryMs: 10 * 60_000,
    }),
  ),
);
const testAlerts = serveTestAlerts(nc, { channels, names, publish, log, counters });
const loop = await consumeDurable({
  js,
  stream: names.streams.forecasts,
  durable: names.durables.alerter,
  schema: ForecastUpdated,
  handler: (event) => handleForecastUpdated(event, deps),
  log,
  counters,
});

onShutdown(log, async () => {
  testAlerts.unsubscribe();
  await loop.stop();
  await Promise.all(workers.map((w) => w.stop()));
  for (const channel of channels) channel.close?.();
  await nc.drain();
});
log.info(
  { channels: channels.map((c) => c.name), rules: rules.length, lookaheadMin: config.ALERT_LOOKAHEAD_MIN, maxAgeMin: deps.maxAgeMs / 60_000 },
  'alerter ready',
);
