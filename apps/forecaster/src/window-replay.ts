import { DeliverPolicy } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { LIMITS, metricSampledSchema } from '@autoscale/contracts';
import { parseMessage } from '@autoscale/bus';
import type { BusNames } from '@autoscale/contracts';
import type { Logger } from '@autoscale/observability';
import type { SeriesRegistry } from './series-registry';

/**
 * Rebuilds every series after a restart by reading METRICS from `now − historyHours` up
 * to the forecaster durable's ack floor: samples the forecaster already handled. Samples
 * after the floor are left to the durable, which forecasts from them as usual, so no
 * forecast is lost and none is made twice.
 */
export async function replayWindows(deps: {
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: BusNames;
  registry: SeriesRegistry;
  historyHours: number;
  log: Logger;
  maxClockSkewSec?: number;
}): Promise<number> {
  const { names } = deps;
  const info = await deps.jsm.consumers.info(names.streams.metrics, names.durables.forecaster);
  const ackFloor = info.ack_floor.stream_seq;
  if (ackFloor === 0) return 0;

  const consumer = await deps.js.consumers.get(names.streams.metrics, {
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: new Date(Date.now() - deps.historyHours * 3_600_000).toISOString(),
  });
  // A sample dated in the future, stored before the limits existed, must not come back on
  // every restart and hide the series' later samples.
  const schema = metricSampledSchema({ now: Date.now, maxClockSkewSec: deps.maxClockSkewSec ?? LIMITS.maxClockSkewSec });
  let replayed = 0;
  while (true) {
    const batch = await consumer.fetch({ max_messages: 500, expires: 2000 });
    let seen = 0;
    for await (const msg of batch) {
      seen++;
      if (msg.seq > ackFloor) return finish();
      const parsed = parseMessage(msg, schema);
      if (!parsed.ok) continue;
      deps.registry.addSample(parsed.event);
      replayed++;
      if (msg.seq === ackFloor) return finish();
      // A batch is already in memory: without a macrotask break the whole replay would run
      // in one go and leave status requests (health) unanswered until it ends.
      if (replayed % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (seen === 0) return finish();
  }

  function finish() {
    deps.log.info({ replayed, series: deps.registry.size(), ackFloor }, 'series windows rebuilt');
    return replayed;
  }
}

