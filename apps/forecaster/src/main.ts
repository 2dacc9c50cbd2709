import { busNames, metricSampledSchema } from '@autoscale/contracts';
import { connectNats, consumeDurable, createJetStream, ensureBus, serveStatus } from '@autoscale/bus';
import { createCounters, createLogger, onShutdown, retryWithBackoff } from '@autoscale/observability';
import { loadForecasterConfig } from './config';
import { handleMetricSampled, jetStreamPublisher } from './metric-sampled.handler';
import { createSeriesRegistry } from './series-registry';
import { replayWindows } from './window-replay';

const config = loadForecasterConfig();
const log = createLogger('forecaster', config.LOG_LEVEL);
const counters = createCounters();
const names = busNames(config.BUS_NAMESPACE);

const nc = await connectNats({ url: config.NATS_URL, name: 'forecaster', log, security: config });
const jsm = await retryWithBackoff(() => ensureBus(nc, names), { what: 'JetStream', log });
const js = createJetStream(nc);
serveStatus(nc, names, 'forecaster', counters);

const registry = createSeriesRegistry({ windowMin: config.FORECAST_WINDOW_MIN });
await retryWithBackoff(() => replayWindows({ js, jsm, names, registry, historyHours: config.FORECAST_HISTORY_HOURS, log, maxClockSkewSec: config.MAX_CLOCK_SKEW_SEC }), {
  what: 'METRICS replay',
  log,
});

const deps = {
  registry,
  thresholds: { cpu: config.THRESHOLD_CPU, mem: config.THRESHOLD_MEM },
  publish: jetStreamPublisher(js),
  names,
};
const loop = await consumeDurable({
  js,
  stream: names.streams.metrics,
  durable: names.durables.forecaster,
  schema: metricSampledSchema({ now: Date.now, maxClockSkewSec: config.MAX_CLOCK_SKEW_SEC }),
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
