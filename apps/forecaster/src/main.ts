import { busNames, MetricSampled } from '@autoscale/contracts';
import { connectNats, consumeDurable, createJetStream, ensureBus, serveStatus } from '@autoscale/bus';
import { effectiveRule, loadAlertRulesOrExit } from '@autoscale/config';
import { createCounters, createLogger, onShutdown, retryWithBackoff } from '@autoscale/observability';
import { loadForecasterConfig } from './config';
import { handleMetricSampled, jetStreamPublisher } from './metric-sampled.handler';
import { createSeriesRegistry } from './series-registry';
import { replayWindows } from './window-replay';

const config = loadForecasterConfig();
const rules = loadAlertRulesOrExit('forecaster', config.ALERT_RULES_FILE);
const log = createLogger('forecaster', config.LOG_LEVEL);
const counters = createCounters();
const names = busNames(config.BUS_NAMESPACE);

const nc = await connectNats({ url: config.NATS_URL, name: 'forecaster', log });
const jsm = await retryWithBackoff(() => ensureBus(nc, names), { what: 'JetStream', log });
const js = createJetStream(nc);
serveStatus(nc, names, 'forecaster', counters);

const registry = createSeriesRegistry({ windowMin: config.FORECAST_WINDOW_MIN });
await retryWithBackoff(() => replayWindows({ js, jsm, names, registry, historyHours: config.FORECAST_HISTORY_HOURS, log }), {
  what: 'METRICS replay',
  log,
});

const deps = {
  registry,
  thresholds: { cpu: config.THRESHOLD_CPU, mem: config.THRESHOLD_MEM },
  // The same effective rule as the alerter's (same file): the threshold of each series.
  thresholdFor: (resourceId: string, metric: 'cpu' | 'mem') =>
    effectiveRule(rules, { thresholds: { cpu: config.THRESHOLD_CPU, mem: config.THRESHOLD_MEM }, lookaheadMin: 0, renotifyMin: 0 }, resourceId, metric).threshold,
  publish: jetStreamPublisher(js),
  names,
};
const loop = await consumeDurable({
  js,
  stream: names.streams.metrics,
  durable: names.durables.forecaster,
  schema: MetricSampled,
  handler: async (event) => {
    counters.inc('forecasts_published', await handleMetricSampled(event, deps));
  },
  log,
  counters,
});

onShutdown(log, async () => {
  await loop.stop();
  await nc.drain();
});
log.info({ windowMin: config.FORECAST_WINDOW_MIN }, 'forecaster ready');
