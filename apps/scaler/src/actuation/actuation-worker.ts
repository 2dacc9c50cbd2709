import { scaleActuationJobEvent } from '@autoscale/contracts';
import { consumeJobs } from '@autoscale/bus';
import type { JetStreamClient } from '@autoscale/bus';
import { attemptActuation } from './actuation-attempt';
import type { ActuationDeps } from './actuation-attempt';

/**
 * Consumes the actuation work queue, at most `concurrency` jobs in flight; any replica runs
 * any target's job (claims keep each to one caller). Deciding never waits on a cloud API.
 *
 * @example
 * const worker = await startActuationWorker(js, 4, deps);
 * await worker.stop();
 */
export async function startActuationWorker(js: JetStreamClient, concurrency: number, deps: ActuationDeps) {
  return consumeJobs({
    js,
    names: deps.names,
    event: scaleActuationJobEvent,
    durable: deps.names.durables.scalerActuate,
    concurrency,
    log: deps.log.child({ worker: 'actuation' }),
    counters: deps.counters,
    handler: async (job) => {
      const result = await attemptActuation(job.event, deps);
      return result.ack ? { done: true } : { done: false, retryInMs: result.retryInMs };
    },
  });
}
