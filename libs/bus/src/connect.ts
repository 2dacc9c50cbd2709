import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { retryWithBackoff } from '@autoscale/observability';
import type { Logger } from '@autoscale/observability';

/**
 * Connects to NATS, waiting (with backoff, logged) while the server is unreachable, then
 * keeps reconnecting forever: a service outlives a NATS restart instead of exiting.
 *
 * @example
 * const nc = await connectNats({ url: 'nats://127.0.0.1:4222', name: 'collector', log });
 */
export async function connectNats(opts: { url: string; name: string; log: Logger }): Promise<NatsConnection> {
  const nc = await retryWithBackoff(
    () => connect({ servers: opts.url.split(','), name: opts.name, maxReconnectAttempts: -1 }),
    { what: `NATS at ${opts.url}`, log: opts.log },
  );
  opts.log.info({ server: nc.getServer() }, 'connected to NATS');
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect') {
        opts.log.warn({ status: status.type, server: status.server }, `NATS ${status.type}`);
      }
    }
  })();
  return nc;
}

export type { NatsConnection };
