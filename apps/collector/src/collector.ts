import { retryWithBackoff } from '@autoscale/observability';
import type { Counters, Logger } from '@autoscale/observability';
import type { PolledProvider, MetricsProvider, StreamingProvider, ResourceSample } from './providers/provider';
import type { SamplePublisher } from './sample-publisher';

export type CollectorDeps = {
  provider: MetricsProvider;
  publisher: SamplePublisher;
  intervalMs: number;
  backfillHours: number;
  log: Logger;
  counters: Counters;
};

/**
 * Runs the provider until `signal` aborts: a polled provider is backfilled once, then
 * polled at every interval boundary; a streaming one is drained sample by sample.
 */
export async function runCollector(deps: CollectorDeps, signal: AbortSignal): Promise<void> {
  if (deps.provider.kind === 'streaming') return drain(deps.provider, deps, signal);
  await backfill(deps.provider, deps);
  while (!signal.aborted) {
    await pollOnce(deps.provider, deps);
    await sleepUntilNextTick(deps.intervalMs, signal);
  }
}

async function pollOnce(provider: PolledProvider, deps: CollectorDeps) {
  try {
    const samples = await provider.poll(new Date());
    await publishAll(samples, deps);
    deps.counters.inc('polls');
    deps.log.debug({ samples: samples.length }, 'polled');
  } catch (error) {
    deps.counters.inc('poll_failures');
    deps.log.error({ err: error }, 'poll failed; next poll will try again');
  }
}

/**
 * Publishes what the provider knows of the last `backfillHours`, skipping for each resource
 * what the stream already holds, so restarts add nothing twice.
 */
async function backfill(provider: PolledProvider, deps: CollectorDeps) {
  if (!provider.history || deps.backfillHours <= 0) return;
  const to = new Date();
  const from = new Date(to.getTime() - deps.backfillHours * 3_600_000);
  try {
    const history = await provider.history(from, to);
    const known = new Map<string, number | null>();
    for (const id of new Set(history.map((s) => s.resourceId))) known.set(id, await deps.publisher.lastPublished(id));
    const fresh = history.filter((s) => s.ts.getTime() > (known.get(s.resourceId) ?? -Infinity));
    await publishAll(fresh, deps);
    deps.log.info({ samples: fresh.length, skipped: history.length - fresh.length }, 'backfill published');
  } catch (error) {
    deps.counters.inc('backfill_failures');
    deps.log.error({ err: error }, 'backfill failed; continuing with live polls');
  }
}

/** A streaming source is not re-readable, so each sample is retried until it is stored. */
async function drain(provider: StreamingProvider, deps: CollectorDeps, signal: AbortSignal) {
  for await (const sample of provider.samples(signal)) {
    await retryWithBackoff(() => deps.publisher.publish(sample), { what: 'JetStream publish', log: deps.log, signal });
    if (signal.aborted) break;
  }
  deps.log.info('provider exhausted');
}

/** Publishes in small concurrent chunks: fast for a backfill, bounded in memory. */
async function publishAll(samples: ResourceSample[], deps: CollectorDeps) {
  const CHUNK = 64;
  for (let i = 0; i < samples.length; i += CHUNK) {
    await Promise.all(samples.slice(i, i + CHUNK).map((s) => deps.publisher.publish(s)));
  }
}

function sleepUntilNextTick(intervalMs: number, signal: AbortSignal): Promise<void> {
  const wait = intervalMs - (Date.now() % intervalMs) + 50;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, wait);
    signal.addEventListener('abort', done, { once: true });
  });
}
