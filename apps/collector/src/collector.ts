import { createPublishWindow } from '@autoscale/bus';
import { retryWithBackoff } from '@autoscale/observability';
import type { Counters, Logger } from '@autoscale/observability';
import { MS_PER_HOUR } from '@autoscale/time-units';
import type { PolledProvider, MetricsProvider, ResourceSample, StreamingProvider } from './providers/provider';
import type { SamplePublisher } from './sample-publisher';
import { createSampleBuffer, DEFAULT_BUFFER_MAX } from './sample-buffer';
import type { SampleBuffer } from './sample-buffer';
import { nextSlot, sleepUntil } from './poll-schedule';

export type CollectorDeps = {
  provider: MetricsProvider;
  publisher: SamplePublisher;
  intervalMs: number;
  backfillHours: number;
  log: Logger;
  counters: Counters;
  /** Samples kept while NATS is unreachable (`COLLECTOR_BUFFER_MAX`). */
  bufferMax?: number;
  /** Publishes awaiting their ack at once from a streaming provider (`COLLECTOR_PUBLISH_IN_FLIGHT`). */
  publishInFlight?: number;
};

/**
 * Samples published at once; a failure stops the flush so the rest keep their order. Kept
 * small so that, on a loaded server, a chunk's acks arrive within the 2 s publish timeout.
 */
const CHUNK = 16;

/**
 * Runs the provider until `signal` aborts: a polled provider is backfilled once, polled
 * at once, then at every interval boundary at a fixed rate (a slow poll delays the next,
 * never drops it); a streaming one is drained through a bounded window of publishes.
 *
 * What cannot be published (NATS unreachable) waits in a bounded buffer and goes out, in
 * order, when NATS answers again; a provider with history first re-reads the whole outage,
 * so what overflowed the buffer or was never polled is published too (dedupe ids make the
 * overlap harmless).
 */
export async function runCollector(deps: CollectorDeps, signal: AbortSignal): Promise<void> {
  if (deps.provider.kind === 'streaming') return drain(deps.provider, deps, signal);
  const provider = deps.provider;
  const buffer = createSampleBuffer({
    max: deps.bufferMax ?? DEFAULT_BUFFER_MAX,
    log: deps.log,
    counters: deps.counters,
  });
  const outage = { since: null as number | null };
  // The first poll is for the moment the backfill ends at, so no interval falls between them.
  let slot = Date.now();
  if (!(await backfill(provider, new Date(slot), deps))) outage.since = slot - deps.backfillHours * MS_PER_HOUR;
  while (!signal.aborted) {
    await pollOnce(provider, new Date(slot), buffer, deps);
    await flush(provider, buffer, outage, deps);
    slot = nextSlot(slot, deps.intervalMs);
    await sleepUntil(slot, signal);
  }
}

async function pollOnce(provider: PolledProvider, at: Date, buffer: SampleBuffer, deps: CollectorDeps) {
  try {
    const samples = await provider.poll(at);
    buffer.push(samples);
    deps.counters.inc('polls');
    deps.log.debug({ samples: samples.length, at }, 'polled');
  } catch (error) {
    deps.counters.inc('poll_failures');
    deps.log.error({ err: error }, 'poll failed; next poll will try again');
  }
}

/** Publishes the buffer oldest first; on a failure keeps the rest and remembers the outage. */
async function flush(
  provider: PolledProvider,
  buffer: SampleBuffer,
  outage: { since: number | null },
  deps: CollectorDeps,
) {
  if (outage.since !== null && !(await rereadGap(provider, outage.since, deps))) return;
  while (buffer.size > 0) {
    // While recovering, one at a time: in a chunk a later sample may be stored while an
    // earlier one times out, and the earlier one would then land after it.
    const chunk = buffer.peek(outage.since === null ? CHUNK : 1);
    const results = await Promise.allSettled(chunk.map((s) => deps.publisher.publish(s)));
    buffer.remove(new Set(chunk.filter((_, i) => results[i]?.status === 'fulfilled')));
    const failure = results.find((r) => r.status === 'rejected');
    if (failure) {
      if (outage.since === null) {
        outage.since = Math.min(...chunk.map((s) => s.ts.getTime()));
        deps.counters.inc('publish_outages');
        deps.log.warn(
          { err: failure.reason, buffered: buffer.size },
          'publish failed; buffering samples until NATS answers',
        );
      }
      return;
    }
  }
  if (outage.since !== null) deps.log.info('publishing again; buffer flushed');
  outage.since = null;
}

/**
 * Re-reads the provider's history from one interval before the outage began and publishes
 * it. True when done (or the provider keeps no history); false when NATS still fails.
 */
async function rereadGap(provider: PolledProvider, since: number, deps: CollectorDeps): Promise<boolean> {
  if (!provider.history) return true;
  const from = new Date(since - deps.intervalMs);
  let history;
  try {
    history = await provider.history(from, new Date());
  } catch (error) {
    deps.log.error({ err: error }, 'could not re-read the outage from the provider; publishing what was buffered');
    return true;
  }
  try {
    // One at a time, so a publish that fails leaves nothing newer stored after it: the next
    // try re-reads from the same point and the stream keeps each series in time order.
    for (const sample of history) await deps.publisher.publish(sample);
  } catch {
    return false;
  }
  deps.counters.inc('gaps_reread');
  deps.log.info({ from, samples: history.length }, 'outage re-read from the provider history');
  return true;
}

/**
 * Publishes what the provider knows of the last `backfillHours`, skipping for each resource
 * what the stream already holds, so restarts add nothing twice. False when it failed.
 */
async function backfill(provider: PolledProvider, to: Date, deps: CollectorDeps): Promise<boolean> {
  if (!provider.history || deps.backfillHours <= 0) return true;
  const from = new Date(to.getTime() - deps.backfillHours * MS_PER_HOUR);
  try {
    const history = await provider.history(from, to);
    const known = new Map<string, number | null>();
    for (const id of new Set(history.map((s) => s.resourceId))) known.set(id, await deps.publisher.lastPublished(id));
    const fresh = history.filter((s) => s.ts.getTime() > (known.get(s.resourceId) ?? -Infinity));
    await publishAll(fresh, deps);
    deps.log.info({ samples: fresh.length, skipped: history.length - fresh.length }, 'backfill published');
    return true;
  } catch (error) {
    deps.counters.inc('backfill_failures');
    deps.log.error({ err: error }, 'backfill failed; it is retried with the live polls');
    return false;
  }
}

/**
 * A streaming source is not re-readable, so each sample is retried until it is stored. Up to
 * `publishInFlight` publishes await their ack at once; a series' samples are published one
 * after the other (the window keys them by resource), so a retried sample is never stored
 * after a newer one of its series.
 */
async function drain(provider: StreamingProvider, deps: CollectorDeps, signal: AbortSignal) {
  const window = createPublishWindow(deps.publishInFlight);
  const publish = (sample: ResourceSample) => () =>
    retryWithBackoff(() => deps.publisher.publish(sample), { what: 'JetStream publish', log: deps.log, signal });
  try {
    for await (const batch of provider.samples(signal)) {
      // A batch at once: its publishes leave together (one socket write while there is room).
      await window.submitAll(
        untilAborted(batch, signal, (sample) => ({ task: publish(sample), key: sample.resourceId })),
      );
      if (signal.aborted) break;
    }
    await window.flush();
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  deps.log.info('provider exhausted');
}

function* untilAborted<T, U>(items: readonly T[], signal: AbortSignal, map: (item: T) => U): Generator<U> {
  for (const item of items) {
    if (signal.aborted) return;
    yield map(item);
  }
}

/** Publishes in small concurrent chunks: fast for a backfill, bounded in memory. */
async function publishAll(samples: ResourceSample[], deps: CollectorDeps) {
  for (let i = 0; i < samples.length; i += CHUNK) {
    await Promise.all(samples.slice(i, i + CHUNK).map((s) => deps.publisher.publish(s)));
  }
}
