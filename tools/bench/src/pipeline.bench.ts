import { createJetStream } from '@autoscale/bus';
import { committedSamples, drained, storedMessages } from './consumers.bench';
import { benchEnvironment } from './environment.bench';
import type { Limits } from './limits.bench';
import { benchSample, createBenchPublisher } from './publisher.bench';
import type { BenchRow } from './report';
import { startBuilt, startGateway, stopBuilt } from './services.bench';
import { sleep, waitUntil } from './stats';

export type PipelineRun = { resources: number; samplesPerResource: number; partitions: number };

const FIVE_MIN = 300_000;
/** A run that has not finished by then is reported with what it reached. */
const RUN_TIMEOUT_MS = 90_000;

/**
 * Pushes `resources × samplesPerResource` samples through the collector's publishing path,
 * round by round (every resource once per round, 5 simulated minutes apart), as fast as it
 * goes, into the built forecaster(s) and gateway; measures samples/s from the first publish
 * until every sample is a committed row and the forecaster has acked every sample (it acks
 * only after the forecasts it caused are stored in FORECASTS).
 *
 * `partitions` starts that many forecaster processes with FORECASTER_PARTITIONS set; a
 * forecaster without partitioning splits one durable between them (wrong forecasts), so
 * runs above 1 are meaningful only once partitioning exists.
 */
export async function pipelineScenario(run: PipelineRun, limits: Limits, rows: BenchRow[], log: (line: string) => void) {
  const env = await benchEnvironment();
  const partitionEnv = { FORECASTER_PARTITIONS: String(run.partitions) };
  const services = [
    (await startGateway(env, partitionEnv)).service,
    ...Array.from({ length: run.partitions }, () => startBuilt('forecaster', env, partitionEnv)),
  ];
  const total = run.resources * run.samplesPerResource;
  try {
    await sleep(3_000); // let the services connect and bind their durables
    const publisher = createBenchPublisher(createJetStream(env.bus.nc), env.bus.names);
    const t0 = Date.now() - run.samplesPerResource * FIVE_MIN;
    const started = performance.now();
    for (let round = 0; round < run.samplesPerResource; round++) {
      for (let r = 0; r < run.resources; r++) {
        await publisher.publish(benchSample(`res-${r}`, t0 + round * FIVE_MIN, 40 + ((r * 13 + round * 7) % 30)));
      }
    }
    await publisher.flush();
    const publishedAt = performance.now();
    const names = env.bus.names;
    let finished = true;
    try {
      await waitUntil(
        'every sample committed and forecast',
        async () =>
          (await committedSamples(env)) >= total &&
          (await Promise.all(Array.from({ length: names.partitions }, (_, p) => drained(env, names.streams.metrics, names.durables.forecaster(p))))).every(Boolean) &&
          (await drained(env, names.streams.metrics, names.durables.gatewayMetrics)),
        RUN_TIMEOUT_MS,
        250,
      );
    } catch {
      finished = false;
    }
    const seconds = (performance.now() - started) / 1000;
    const committed = await committedSamples(env);
    const forecasts = await storedMessages(env, names.streams.forecasts);
    const rate = committed / seconds;
    const brokerLimit = Math.min(limits.publishPerSec, limits.consumePerSec);
    log(
      `pipeline R=${run.resources} p=${run.partitions}: ${committed}/${total} committed, ${forecasts} forecasts in ${seconds.toFixed(1)} s (publishing took ${((publishedAt - started) / 1000).toFixed(1)} s)${finished ? '' : ' — TIMED OUT'}`,
    );
    rows.push({
      scenario: `2 pipeline, R = ${run.resources.toLocaleString('en-US')}, ${run.partitions} forecaster${run.partitions > 1 ? 's' : ''}`,
      measure: `samples/s to committed row + forecast (${total.toLocaleString('en-US')} samples, ${forecasts.toLocaleString('en-US')} forecasts, ${seconds.toFixed(0)} s)`,
      value: rate,
      unit: 'samples/s',
      limit: brokerLimit,
      limitLabel: 'broker limit (1)',
      note: finished ? undefined : `unfinished after ${RUN_TIMEOUT_MS / 1000} s: ${committed} of ${total} committed`,
    });
  } finally {
    await stopBuilt(services);
    await env.close();
  }
}
