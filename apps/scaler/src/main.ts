import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ensureScaling, openBus, openClaimStore, openScaleControls } from '@autoscale/bus';
import { loadScaleTargetsOrExit } from '@autoscale/config';
import {
  createCounters,
  createLogger,
  onShutdown,
  retryWithBackoff,
  startLivenessFile,
} from '@autoscale/observability';
import { MS_PER_MIN } from '@autoscale/time-units';
import { startActuationWorker } from './actuation/actuation-worker';
import { configuredActuators } from './actuation/configured-actuators';
import { startMemberDiscovery } from './actuation/member-discovery';
import { loadScalerConfig } from './config';
import { handleForecastUpdated } from './forecast-updated.handler';
import { scaleTargetSet } from './scale-target-set';
import { openTargetStore } from './target-store';

const config = loadScalerConfig();
const targets = scaleTargetSet(loadScaleTargetsOrExit('scaler', config.SCALE_TARGETS_FILE));
const log = createLogger('scaler', config.LOG_LEVEL);
const counters = createCounters();
const actuators = configuredActuators(targets.targets, config);
const leaseMs = config.SCALE_ACTUATION_LEASE_SEC * 1000;

// Everything the bus provisions gets its replicas, namespace and bounds from the config.
const bus = await openBus(config, { service: 'scaler', log, counters });
const { js, names, publish } = bus;
await bus.ensure();
await retryWithBackoff(() => ensureScaling(bus, leaseMs), { what: 'scaling consumers', log });
const [store, claims, controls] = await retryWithBackoff(
  () => Promise.all([openTargetStore(bus), openClaimStore(bus, names.kv.scaleClaims), openScaleControls(bus)]),
  { what: 'scaling buckets', log },
);
await bus.register();

const discovery = await startMemberDiscovery(targets, actuators, config.SCALE_MEMBERS_REFRESH_SEC * 1000, log);
const deps = {
  targets,
  store,
  controls,
  publish,
  mode: config.SCALE_MODE,
  staleMs: config.SCALE_MEMBER_STALE_MIN * MS_PER_MIN,
  log,
  counters,
};
// Executing runs apart from deciding: any replica runs any decision's job.
const worker = await startActuationWorker(js, config.SCALE_ACTUATION_CONCURRENCY, {
  names,
  claims,
  controls,
  publish,
  actuators,
  log,
  counters,
  owner: `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
  leaseMs,
  initialRetryMs: 2_000,
  maxRetryMs: 60_000,
});
// Each member's forecasts are read by the one replica holding its partition, in order;
// targets spanning partitions are updated compare-and-set.
const loop = await bus.consumePartitions({
  event: bus.events.forecastUpdated,
  group: 'scaler',
  durable: names.durables.scaler,
  leaseTtlMs: config.PARTITION_LEASE_TTL_SEC * 1000,
  batchSize: 100,
  handler: async (_partition, batch) => {
    for (const { event } of batch) await handleForecastUpdated(event, deps);
  },
});
startLivenessFile({ file: config.LIVENESS_FILE, check: () => bus.flush(), log });

onShutdown(log, async () => {
  discovery.stop();
  await loop.stop();
  await worker.stop();
  await bus.close();
});
log.info(
  {
    mode: config.SCALE_MODE,
    targets: targets.targets.map((t) => `${t.name}:${t.actuator.type}`),
    partitions: names.partitions,
  },
  'scaler ready',
);
