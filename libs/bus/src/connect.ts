import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { redactSecrets, retryWithBackoff } from '@autoscale/observability';
import type { Logger } from '@autoscale/observability';
import { natsConnectOptions } from './nats-options';
import type { NatsSecurity } from './nats-options';

/**
 * Connects to NATS, waiting (with backoff, logged) while the server is unreachable, then
 * keeps reconnecting forever: a service outlives a NATS restart instead of exiting.
 * Credentials come from the URL or `security` (token, NKey, creds file, TLS files) and are
 * never logged.
 *
 * @example
 * const nc = await connectNats({ url: 'nats://127.0.0.1:4222', name: 'collector', log, security: config });
 */
export async function connectNats(opts: {
  url: string;
  name: string;
  log: Logger;
  security?: NatsSecurity;
}): Promise<NatsConnection> {
  const options = natsConnectOptions(opts.url, opts.security);
  const nc = await retryWithBackoff(
    // noAsyncTraces: otherwise nats.js builds two Errors (stack captured) for every request,
    // each JetStream publish included, in case it fails: a sixth of the collector's CPU at
    // replay speed (docs/performance.md, "Fleet scale"). A timeout still says what timed out.
    () => connect({ ...options, name: opts.name, maxReconnectAttempts: -1, timeout: 2_000, noAsyncTraces: true }),
    { what: `NATS at ${redactSecrets(opts.url)}`, log: opts.log },
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
