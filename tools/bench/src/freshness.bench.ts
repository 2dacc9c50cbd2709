import { createJetStream } from '@autoscale/bus';
import { committedSamples } from './consumers.bench';
import { benchEnvironment } from './environment.bench';
import { benchSample, createBenchPublisher } from './publisher.bench';
import type { BenchRow } from './report';
import { startBuilt, startGateway, stopBuilt } from './services.bench';
import { sleep, summarise, waitUntil } from './stats';

const RESOURCES = 1_000;
const RATE = 1_000;
const ROUNDS = 20;
/** These resources climb 4 points a sample from 40: they cross 90 at round 13. */
const RAMPING = 20;
const FIVE_MIN = 300_000;

/**
 * Freshness at a fixed 1,000 samples/s (1,000 resources, one round a second): time from a
 * sample's publish to its forecast.updated, to its committed row (the gateway acks after the
 * commit: its ack on `$JS.ACK…` is observed), and from a crossing forecast to the
 * alert.fired decided on it.
 */
export async function freshnessScenario(rows: BenchRow[], log: (line: string) => void) {
  const env = await benchEnvironment();
  const names = env.bus.names;
  const services = [(await startGateway(env)).service, startBuilt('forecaster', env), startBuilt('alerter', env)];
  const publishedAt = new Map<string, number>();
  const publishedSeq = new Map<number, number>();
  const toForecast: number[] = [];
  const toRow: number[] = [];
  const toAlert: number[] = [];
  const forecastSeenAt = new Map<string, number>();
  const nc = env.bus.nc;
  const subs = [
    nc.subscribe(names.subjects.forecastUpdatedAll, {
      callback: (_e, msg) => {
        const now = performance.now();
        const f = msg.json<{ resourceId: string; metric: string; generatedAt: string }>();
        forecastSeenAt.set(`${f.resourceId}|${f.metric}|${f.generatedAt}`, now);
        const sent = publishedAt.get(`${f.resourceId}|${f.generatedAt}`);
        if (sent !== undefined && f.metric === 'cpu') toForecast.push(now - sent);
      },
    }),
    nc.subscribe(`$JS.ACK.${names.streams.metrics}.${names.durables.gatewayMetrics}.>`, {
      callback: (_e, msg) => {
        const now = performance.now();
        // $JS.ACK.<stream>.<durable>.<delivered>.<stream seq>.<consumer seq>.<ts>.<pending>
        const seq = Number(msg.subject.split('.')[5]);
        const sent = publishedSeq.get(seq);
        if (sent !== undefined) toRow.push(now - sent);
      },
    }),
    nc.subscribe(names.subjects.alertFiredAll, {
      callback: (_e, msg) => {
        const now = performance.now();
        const a = msg.json<{ resourceId: string; metric: string; forecastAt?: string; kind: string }>();
        const seen = a.forecastAt ? forecastSeenAt.get(`${a.resourceId}|${a.metric}|${a.forecastAt}`) : undefined;
        if (seen !== undefined) toAlert.push(now - seen);
      },
    }),
  ];
  try {
    await sleep(3_000);
    const publisher = createBenchPublisher(createJetStream(nc), names);
    const t0 = Date.now() - ROUNDS * FIVE_MIN;
    const started = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      const roundStart = started + (round * RESOURCES * 1000) / RATE;
      for (let r = 0; r < RESOURCES; r++) {
        const due = roundStart + (r * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 2) await sleep(wait);
        const cpu = r < RAMPING ? Math.min(100, 40 + 4 * round) : 30 + ((r * 13 + round * 7) % 20);
        const sample = benchSample(`res-${r}`, t0 + round * FIVE_MIN, cpu);
        await publisher.publish(sample, (seq, sentAt) => {
          publishedSeq.set(seq, sentAt);
          publishedAt.set(`${sample.resourceId}|${sample.ts}`, sentAt);
        });
      }
    }
    await publisher.flush();
    const publishSeconds = (performance.now() - started) / 1000;
    const total = RESOURCES * ROUNDS;
    await waitUntil('every sample committed', async () => (await committedSamples(env)) >= total, 60_000, 250).catch(
      () => log('freshness: not every sample was committed within 60 s'),
    );
    await sleep(2_000);
    const f = summarise(toForecast);
    const c = summarise(toRow);
    const a = summarise(toAlert);
    log(
      `freshness: published ${total} in ${publishSeconds.toFixed(1)} s; forecast n=${f.n} row n=${c.n} alert n=${a.n}`,
    );
    const scenario = `3 freshness at ${RATE.toLocaleString('en-US')} samples/s (${(total / publishSeconds).toFixed(0)} achieved)`;
    const add = (measure: string, s: ReturnType<typeof summarise>, target?: number) => {
      rows.push({ scenario, measure: `${measure} p50 (n = ${s.n})`, value: s.p50, unit: 'ms' });
      rows.push({
        scenario,
        measure: `${measure} p99`,
        value: s.p99,
        unit: 'ms',
        limit: target,
        limitLabel: target ? 'target' : undefined,
      });
      rows.push({ scenario, measure: `${measure} max`, value: s.max, unit: 'ms' });
    };
    add('sample → forecast.updated', f, 100);
    add('sample → committed row', c);
    add('crossing forecast → alert.fired', a);
  } finally {
    for (const sub of subs) sub.unsubscribe();
    await stopBuilt(services);
    await env.close();
  }
}
