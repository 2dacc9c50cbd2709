import { busNames } from '@autoscale/contracts';
import { connectNats, createJetStream, ensureBus, registerService } from '@autoscale/bus';
import { effectiveRule, loadAlertRulesOrExit } from '@autoscale/config';
import { createCounters, createLogger, onShutdown, retryWithBackoff, startLivenessFile } from '@autoscale/observability';
import { loadForecasterConfig } from './config';
import { startForecaster } from './partitioned-forecaster';

const config = loadForecasterConfig();
const rules = loadAlertRulesOrExit('forecaster', config.ALERT_RULES_FILE);
const log = createLogger('forecaster', config.LOG_LEVEL);
const counters = createCounters();
const names = busNames(config.BUS_NAMESPACE, config.FORECASTER_PARTITIONS);

const nc = await connectNats({ url: config.NATS_URL, name: 'forecaster', log, security: config });
await retryWithBackoff(() => ensureBus(nc, names, { replicas: config.STREAM_REPLICAS }), { what: 'JetStream', log });
await registerService(nc, names, 'forecaster', counters);
const thresholds = { cpu: config.THRESHOLD_CPU, mem: config.THRESHOLD_MEM };

const forecaster = await retryWithBackoff(
  () =>
    startForecaster({
      nc,
      js: createJetStream(nc),
      names,
      thresholds,
      // The same effective rule as the alerter's (same file): the threshold of each series.
      thresholdFor: (resourceId, metric, labels) =>
        effectiveRule(rules, { thresholds, lookaheadMin: 0, renotifyMin: 0 }, resourceId, metric, labels).threshold,
      windowMin: config.FORECAST_WINDOW_MIN,
      historyHours: config.FORECAST_HISTORY_HOURS,
      leaseTtlMs: config.PARTITION_LEASE_TTL_SEC * 1000,
      bounds: { now: Date.now, maxClockSkewSec: config.MAX_CLOCK_SKEW_SEC },
      log,
      counters,
    }),
  { what: 'partition leases', log },
);
startLivenessFile({ file: config.LIVENESS_FILE, check: () => nc.flush(), log });

onShutdown(log, async () => {
  await forecaster.stop();
  await nc.drain();
});
log.info({ windowMin: config.FORECAST_WINDOW_MIN, partitions: names.partitions }, 'forecaster ready');
