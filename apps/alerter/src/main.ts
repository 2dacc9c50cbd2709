import { busNames, forecastUpdatedSchema } from '@autoscale/contracts';
import { connectNats, consumeDurable, createJetStream, ensureBus, publishEvent, serveStatus } from '@autoscale/bus';
import { DEFAULT_ALERT_RULE_PARAMS } from '@autoscale/forecasting';
import { createCounters, createLogger, onShutdown, retryWithBackoff } from '@autoscale/observability';
import { openAlertStore } from './alert-store';
import { configuredChannels } from './channels/configured-channels';
import { loadAlerterConfig } from './config';
import { handleForecastUpdated } from './forecast-updated.handler';
import { serveTestAlerts } from './test-alert.responder';

const config = loadAlerterConfig();
const log = createLogger('alerter', config.LOG_LEVEL);
const counters = createCounters();
const names = busNames(config.BUS_NAMESPACE);

const nc = await connectNats({ url: config.NATS_URL, name: 'alerter', log, security: config });
await retryWithBackoff(() => ensureBus(nc, names), { what: 'JetStream', log });
const store = await retryWithBackoff(() => openAlertStore(nc, names.kv.alertState), { what: 'alert state bucket', log });
const js = createJetStream(nc);
serveStatus(nc, names, 'alerter', counters);

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
const loop = await consumeDurable({
  js,
  stream: names.streams.forecasts,
  durable: names.durables.alerter,
  schema: forecastUpdatedSchema({ now: Date.now, maxClockSkewSec: config.MAX_CLOCK_SKEW_SEC }),
  handler: (event) => handleForecastUpdated(event, deps),
  log,
  counters,
});

onShutdown(log, async () => {
  testAlerts.unsubscribe();
  await loop.stop();
  await nc.drain();
});
log.info({ channels: channels.map((c) => c.name), lookaheadMin: config.ALERT_LOOKAHEAD_MIN }, 'alerter ready');
