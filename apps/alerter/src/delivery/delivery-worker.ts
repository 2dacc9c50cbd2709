import { alertDeliveryJobEvent } from '@autoscale/contracts';
import { consumeJobs } from '@autoscale/bus';
import type { JetStreamClient } from '@autoscale/bus';
import type { Channel } from '../channels/channel';
import { attemptDelivery } from './delivery-attempt';
import type { DeliveryDeps } from './delivery-attempt';

/**
 * Consumes one channel's delivery jobs with at most `concurrency` in flight. Each channel
 * has its own durable and its own worker, so Slack waiting out a `Retry-After` never holds
 * up e-mail. A job is acked when finished, nak'ed with the retry delay otherwise; a job
 * whose attempt threw (NATS or the claim bucket unavailable) is retried with growing pauses.
 *
 * @example
 * const worker = await startDeliveryWorker(js, slack, 4, deps);
 * await worker.stop();
 */
export async function startDeliveryWorker(
  js: JetStreamClient,
  channel: Channel,
  concurrency: number,
  deps: DeliveryDeps,
) {
  return consumeJobs({
    js,
    names: deps.names,
    event: alertDeliveryJobEvent,
    durable: deps.names.durables.alerterDeliver(channel.name),
    concurrency,
    log: deps.log.child({ channel: channel.name }),
    counters: deps.counters,
    handler: async (job) => {
      const result = await attemptDelivery(job.event, channel, deps, job.working);
      return result.ack ? { done: true } : { done: false, retryInMs: result.retryInMs };
    },
  });
}
