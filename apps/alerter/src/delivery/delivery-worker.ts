import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { AlertDeliveryJob } from '@autoscale/contracts';
import { parseMessage } from '@autoscale/bus';
import type { Channel } from '../channels/channel';
import { attemptDelivery } from './delivery-attempt';
import type { DeliveryDeps } from './delivery-attempt';

/**
 * Consumes one channel's delivery jobs with at most `concurrency` in flight. Each channel
 * has its own durable and its own worker, so Slack waiting out a `Retry-After` never holds
 * up e-mail. A job is acked when finished, nak'ed with the retry delay otherwise; a job
 * whose attempt threw (NATS or the claim bucket unavailable) is retried after a second.
 *
 * @example
 * const worker = await startDeliveryWorker(js, slack, 4, deps);
 * await worker.stop();
 */
export async function startDeliveryWorker(js: JetStreamClient, channel: Channel, concurrency: number, deps: DeliveryDeps) {
  const consumer = await js.consumers.get(deps.names.streams.alertDeliveries, deps.names.durables.alerterDeliver(channel.name));
  const messages = await consumer.consume({ max_messages: concurrency });
  const log = deps.log.child({ channel: channel.name });
  const inFlight = new Set<Promise<void>>();

  async function handle(msg: JsMsg) {
    const parsed = parseMessage(msg, AlertDeliveryJob);
    if (!parsed.ok) {
      log.error({ seq: msg.seq, reason: parsed.reason }, 'invalid delivery job terminated');
      msg.term();
      return;
    }
    try {
      const result = await attemptDelivery(parsed.event, channel, deps, () => msg.working());
      if (result.ack) msg.ack();
      else msg.nak(result.retryInMs);
    } catch (error) {
      log.warn({ err: error, seq: msg.seq }, 'delivery job failed, will retry');
      msg.nak(1_000);
    }
  }

  const done = (async () => {
    for await (const msg of messages) {
      const task = handle(msg).finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  })();

  return {
    /** Stops pulling and waits for the attempts in flight. */
    async stop() {
      messages.stop();
      await done;
    },
  };
}
