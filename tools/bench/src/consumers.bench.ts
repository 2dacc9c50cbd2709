import { createLogger, retryWithBackoff } from '@autoscale/observability';
import type { BenchEnvironment } from './environment.bench';

/** True when the durable has nothing pending and nothing awaiting an ack. */
export async function drained(env: BenchEnvironment, stream: string, durable: string): Promise<boolean> {
  const info = await env.jsm.consumers.info(stream, durable).catch(() => null);
  return info !== null && info.num_pending === 0 && info.num_ack_pending === 0;
}

const log = createLogger('bench', 'error');

/**
 * Of `total` messages published on their filters, how many the durables have handled: all but
 * those pending or awaiting an ack. Not their ack floors' delivery counts, which start again
 * at 0 when a stalled durable is re-created at its ack floor (see consumeBatches).
 */
export async function handledMessages(
  env: BenchEnvironment,
  stream: string,
  durables: readonly string[],
  total: number,
): Promise<number> {
  // Asked again when a loaded server does not answer in time: the count ends the run.
  const infos = await Promise.all(
    durables.map((d) => retryWithBackoff(() => env.jsm.consumers.info(stream, d), { what: 'consumer info', log })),
  );
  return total - infos.reduce((n, info) => n + info.num_pending + info.num_ack_pending, 0);
}

/** Messages stored in a stream. */
export async function storedMessages(env: BenchEnvironment, stream: string): Promise<number> {
  const info = await env.jsm.streams.info(stream);
  return info.state.messages;
}

/** Samples committed by the gateway's projection (the resources table counts inserted rows). */
export async function committedSamples(env: BenchEnvironment): Promise<number> {
  const [row] = await env.sql<Array<{ n: string | null }>>`select sum(samples)::bigint as n from resources`;
  return Number(row?.n ?? 0);
}
