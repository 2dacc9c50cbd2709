import type { BenchEnvironment } from './environment.bench';

/** True when the durable has nothing pending and nothing awaiting an ack. */
export async function drained(env: BenchEnvironment, stream: string, durable: string): Promise<boolean> {
  const info = await env.jsm.consumers.info(stream, durable).catch(() => null);
  return info !== null && info.num_pending === 0 && info.num_ack_pending === 0;
}

/** Messages the durable has acked (its ack floor, in its own delivery sequence). */
export async function ackedMessages(env: BenchEnvironment, stream: string, durable: string): Promise<number> {
  const info = await env.jsm.consumers.info(stream, durable).catch(() => null);
  return info?.ack_floor.consumer_seq ?? 0;
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
