import { busNames } from '@autoscale/contracts';
import { connectNats, createJetStream, ensureBus, registerService } from '@autoscale/bus';
import { createCounters, createLogger, onShutdown, retryWithBackoff, startLivenessFile } from '@autoscale/observability';
import { loadCollectorConfig } from './config';
import { runCollector } from './collector';
import { createProvider } from './providers/create-provider';
import { createSamplePublisher } from './sample-publisher';

const config = loadCollectorConfig();
const log = createLogger('collector', config.LOG_LEVEL);
const counters = createCounters();
const names = busNames(config.BUS_NAMESPACE, config.FORECASTER_PARTITIONS);

const provider = createProvider(config, log, counters);
const nc = await connectNats({ url: config.NATS_URL, name: 'collector', log, security: config });
const jsm = await retryWithBackoff(() => ensureBus(nc, names, { replicas: config.STREAM_REPLICAS }), { what: 'JetStream', log });
await registerService(nc, names, 'collector', counters);

const publisher = createSamplePublisher({
  js: createJetStream(nc),
  jsm,
  names,
  provider: provider.name,
  log,
  counters,
  bounds: { now: Date.now, maxClockSkewSec: config.MAX_CLOCK_SKEW_SEC },
});
const abort = new AbortController();
const running = runCollector(
  {
    provider,
    publisher,
    intervalMs: config.intervalMs,
    backfillHours: config.BACKFILL_HOURS,
    bufferMax: config.COLLECTOR_BUFFER_MAX,
    publishInFlight: config.COLLECTOR_PUBLISH_IN_FLIGHT,
    log,
    counters,
  },
  abort.signal,
).catch((error: unknown) => {
  log.fatal({ err: error }, 'collector stopped unexpectedly');
  process.exit(1);
});
startLivenessFile({ file: config.LIVENESS_FILE, check: () => nc.flush(), until: [running], log });

onShutdown(log, async () => {
  abort.abort();
  await running;
  await provider.close?.();
  // drain() waits for the server; with NATS unreachable, close instead of hitting the hard timeout.
  const drained = await Promise.race([nc.drain().then(() => true), new Promise((resolve) => setTimeout(resolve, 2_000, false))]);
  if (!drained) await nc.close();
});
log.info({ provider: provider.name, intervalMs: config.intervalMs }, 'collector ready');
