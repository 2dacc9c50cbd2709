import { openBus } from '@autoscale/bus';
import { createCounters, createLogger, onShutdown, startLivenessFile } from '@autoscale/observability';
import { loadCollectorConfig } from './config';
import { runCollector } from './collector';
import { createProvider } from './providers/create-provider';
import { createSamplePublisher } from './sample-publisher';

const config = loadCollectorConfig();
const log = createLogger('collector', config.LOG_LEVEL);
const counters = createCounters();

const provider = createProvider(config, log, counters);
const bus = await openBus(config, { service: 'collector', log, counters });
const jsm = await bus.ensure();
await bus.register();

const publisher = createSamplePublisher({
  js: bus.js,
  jsm,
  names: bus.names,
  provider: provider.name,
  log,
  counters,
  bounds: bus.bounds,
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
startLivenessFile({ file: config.LIVENESS_FILE, check: () => bus.flush(), until: [running], log });

onShutdown(log, async () => {
  abort.abort();
  await running;
  await provider.close?.();
  await bus.close();
});
log.info({ provider: provider.name, intervalMs: config.intervalMs }, 'collector ready');
