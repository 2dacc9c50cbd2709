import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { boundedEvents, busNames } from '@autoscale/contracts';
import {
  connectNats,
  consumePartitions,
  createJetStream,
  ensureScaling,
  ensureBus,
  openClaimStore,
  openScaleControls,
  publisher,
  registerService,
} from '@autoscale/bus';
import { loadScaleTargetsOrExit } from '@autoscale/config';
import { createCounters, createLogger, onShutdown, retryWithBackoff, startLivenessFile } from '@autoscale/observability';
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
const names = busNames(config.BUS_NAMESPACE, config.FORECASTER_PARTITIONS);
const actuators = configuredActuators(targets.targets, config);
const leaseMs = config.SCALE_ACTUATION_LEASE_SEC * 1000;
const replicas = config.STREAM_REPLICAS;

// Bus wiring (kept together so it moves to the bus front door in one place).
const nc = await connectNats({ url: config.NATS_URL, name: 'scaler', log, security: config });
await retryWithBackoff(() => ensureBus(nc, names, { replicas }), { what: 'JetStream', log });
await retryWithBackoff(() => ensureScaling(nc, names, leaseMs, { replicas }), { what: 'scaling consumers', log });
const [store, claims, controls] = await retryWithBackoff(
  () => Promise.all([openTargetStore(nc, names.kv.scaleState), openClaimStore(nc, names.kv.scaleClaims), openScaleControls(nc, names.kv.scaleControls)]),
  { what: 'scaling buckets', log },
);
const js = createJetStream(nc);
await registerService(nc, names, 'scaler', counters);
const publish = publisher(js, names);

const discovery = await startMemberDiscovery(targets, actuators, config.SCALE_MEMBERS_REFRESH_SEC * 1000, log);
const deps = { targets, store, controls, publish, mode: config.SCALE_MODE, staleMs: config.SCALE_MEMBER_STALE_MIN * 60_000, log, counters };
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
const loop = await consumePartitions({
  nc,
  js,
  names,
  event: boundedEvents({ now: Date.now, maxClockSkewSec: config.MAX_CLOCK_SKEW_SEC }).forecastUpdated,
  group: 'scaler',
  durable: names.durables.scaler,
  leaseTtlMs: config.PARTITION_LEASE_TTL_SEC * 1000,
  batchSize: 100,
  handler: async (_partition, batch) => {
    for (const { event } of batch) await handleForecastUpdated(event, deps);
  },
  log,
  counters,
});
startLivenessFile({ file: config.LIVENESS_FILE, check: () => nc.flush(), log });

onShutdown(log, async () => {
  discovery.stop();
  await loop.stop();
  await worker.stop();
  await nc.drain();
});
log.info(
  { mode: config.SCALE_MODE, targets: targets.targets.map((t) => `${t.name}:${t.actuator.type}`), partitions: names.partitions },
  'scaler ready',
);
