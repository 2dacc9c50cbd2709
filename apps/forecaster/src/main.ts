import { openBus } from '@autoscale/bus';
import { effectiveRule, loadAlertRulesOrExit } from '@autoscale/config';
import {
  createCounters,
  createLogger,
  onShutdown,
  retryWithBackoff,
  startLivenessFile,
} from '@autoscale/observability';
import { loadForecasterConfig } from './config';
import { startForecaster } from './partitioned-forecaster';

const config = loadForecasterConfig();
const rules = loadAlertRulesOrExit('forecaster', config.ALERT_RULES_FILE);
const log = createLogger('forecaster', config.LOG_LEVEL);
const counters = createCounters();

const bus = await openBus(config, { service: 'forecaster', log, counters });
await bus.ensure();
await bus.register();
const thresholds = { cpu: config.THRESHOLD_CPU, mem: config.THRESHOLD_MEM };

const forecaster = await retryWithBackoff(
  () =>
    startForecaster({
      bus,
      thresholds,
      // The same effective rule as the alerter's (same file): the threshold of each series.
      thresholdFor: (resourceId, metric, labels) =>
        effectiveRule(rules, { thresholds, lookaheadMin: 0, renotifyMin: 0 }, resourceId, metric, labels).threshold,
      windowMin: config.FORECAST_WINDOW_MIN,
      historyHours: config.FORECAST_HISTORY_HOURS,
      leaseTtlMs: config.PARTITION_LEASE_TTL_SEC * 1000,
      log,
      counters,
    }),
  { what: 'partition leases', log },
);
startLivenessFile({ file: config.LIVENESS_FILE, check: () => bus.flush(), log });

onShutdown(log, async () => {
  await forecaster.stop();
  await bus.close();
});
log.info({ windowMin: config.FORECAST_WINDOW_MIN, partitions: bus.names.partitions }, 'forecaster ready');
