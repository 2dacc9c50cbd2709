import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { createJetStream } from '@autoscale/bus';
import { benchEnvironment } from './environment.bench';
import { benchSample, createBenchPublisher } from './publisher.bench';

export type Limits = { publishPerSec: number; consumePerSec: number; insertRowsPerSec: number };

const MESSAGES = 20_000;
const INSERT_ROWS = 100_000;
const INSERT_BATCH = 1_000;

/**
 * The ceilings the pipeline is judged against, measured in the same run on the same machine:
 * acked JetStream publishes of metric.sampled-sized messages with dedupe ids, a durable pull
 * consumer acking each message, and PostgreSQL 1,000-row batched inserts into a table shaped
 * like `metrics` (same keys and indexes).
 */
export async function measureLimits(): Promise<Limits> {
  const env = await benchEnvironment();
  try {
    const js = createJetStream(env.bus.nc);
    const publisher = createBenchPublisher(js, env.bus.names);
    const t0 = 1_767_225_600_000;
    const started = performance.now();
    for (let from = 0; from < MESSAGES; from += 512) {
      await publisher.publishAll(
        Array.from({ length: Math.min(512, MESSAGES - from) }, (_, k) =>
          benchSample(`r-${(from + k) % 1000}`, t0 + (from + k) * 1000, 50),
        ),
      );
    }
    await publisher.flush();
    const publishPerSec = MESSAGES / ((performance.now() - started) / 1000);

    await env.jsm.consumers.add(env.bus.names.streams.metrics, {
      durable_name: 'bench-limit',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_ack_pending: 10_000,
    });
    const consumer = await js.consumers.get(env.bus.names.streams.metrics, 'bench-limit');
    const consumeStart = performance.now();
    const messages = await consumer.consume({ max_messages: 1000 });
    let received = 0;
    for await (const msg of messages) {
      msg.json();
      msg.ack();
      if (++received === MESSAGES) break;
    }
    const consumePerSec = MESSAGES / ((performance.now() - consumeStart) / 1000);

    await env.sql`create table bench_limit (like metrics including all)`;
    const insertStart = performance.now();
    for (let offset = 0; offset < INSERT_ROWS; offset += INSERT_BATCH) {
      const ids = Array.from({ length: INSERT_BATCH }, (_, i) => `r-${(offset + i) % 1000}`);
      const ts = Array.from({ length: INSERT_BATCH }, (_, i) => new Date(t0 + (offset + i) * 1000).toISOString());
      const cpu = Array.from({ length: INSERT_BATCH }, () => 50);
      await env.sql`
        insert into bench_limit (resource_id, ts, provider, cpu)
        select id, t::timestamptz, 'bench', c from unnest(${ids}::text[], ${ts}::text[], ${cpu}::float8[]) as u(id, t, c)
        on conflict do nothing`;
    }
    const insertRowsPerSec = INSERT_ROWS / ((performance.now() - insertStart) / 1000);
    return { publishPerSec, consumePerSec, insertRowsPerSec };
  } finally {
    await env.close();
  }
}
