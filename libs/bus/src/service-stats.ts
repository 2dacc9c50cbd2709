import { Svcm } from '@nats-io/services';
import type { ServiceStats } from '@nats-io/services';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from '@autoscale/contracts';

/** One running instance of a service and the counters it reported. */
export type ServiceInstanceStats = {
  service: string;
  instance: string;
  version: string;
  startedAt: string;
  counters: Record<string, number>;
};

/**
 * Asks every micro-service of this bus namespace for its stats in one `$SRV.STATS` round trip
 * and returns one entry per running instance (several per service when replicated). Waits
 * until answers stop coming for `stallMs`, at most `maxWaitMs`; an unreachable NATS gives [].
 *
 * @example
 * const running = await collectServiceStats(nc, names);
 * running.filter((s) => s.service === 'collector').length; // replicas up
 */
export async function collectServiceStats(
  nc: NatsConnection,
  names: BusNames,
  opts: { maxWaitMs?: number; stallMs?: number } = {},
): Promise<ServiceInstanceStats[]> {
  const client = new Svcm(nc).client({
    strategy: 'stall',
    maxWait: opts.maxWaitMs ?? 1500,
    stall: opts.stallMs ?? 300,
  });
  const found: ServiceInstanceStats[] = [];
  try {
    for await (const stats of await client.stats()) {
      const entry = toInstance(stats, names);
      if (entry) found.push(entry);
    }
  } catch {
    // No responders or a closed connection: nothing is running that we can see.
  }
  return found;
}

function toInstance(stats: ServiceStats, names: BusNames): ServiceInstanceStats | undefined {
  const service = stats.metadata?.['service'];
  if (!service || stats.name !== names.services.name(service)) return undefined;
  const data = stats.endpoints?.find((e) => e.name === 'status')?.data;
  return {
    service,
    instance: stats.metadata?.['instance'] ?? stats.id,
    version: stats.version,
    startedAt: stats.started,
    counters: isCounters(data) ? data : {},
  };
}

const isCounters = (data: unknown): data is Record<string, number> =>
  typeof data === 'object' && data !== null && Object.values(data).every((v) => typeof v === 'number');
