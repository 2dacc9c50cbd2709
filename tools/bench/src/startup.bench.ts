import { benchEnvironment } from './environment.bench';
import type { BenchRow } from './report';
import { freePort, startBuilt, stopBuilt } from './services.bench';
import { waitUntil } from './stats';

const SIMULATED = 100;

/**
 * Start-up: seconds from starting the four built services (the collector simulating 100
 * machines with its default six-hour backfill) until every simulated machine has had its
 * first forecast.
 */
export async function startupScenario(rows: BenchRow[], log: (line: string) => void) {
  const env = await benchEnvironment();
  const names = env.bus.names;
  const sampled = new Set<string>();
  const forecast = new Set<string>();
  const subs = [
    env.bus.nc.subscribe(names.subjects.metricSampledAll, {
      callback: (_e, msg) => void sampled.add(msg.json<{ resourceId: string }>().resourceId),
    }),
    env.bus.nc.subscribe(names.subjects.forecastUpdatedAll, {
      callback: (_e, msg) => void forecast.add(msg.json<{ resourceId: string }>().resourceId),
    }),
  ];
  // The local host has no history to backfill: its first forecast comes after five polls.
  const simulated = () => [...sampled].filter((id) => id.startsWith('sim-'));
  const started = performance.now();
  const extra = { SIM_RESOURCES: String(SIMULATED), METRICS_PROVIDER: 'local', PORT: String(await freePort()) };
  const services = ['api-gateway', 'forecaster', 'alerter', 'collector'].map((name) => startBuilt(name, env, extra));
  try {
    let finished = true;
    await waitUntil(
      'a forecast for every simulated resource',
      async () => simulated().length >= SIMULATED && simulated().every((id) => forecast.has(id)),
      90_000,
      100,
    ).catch(() => {
      finished = false;
    });
    const seconds = (performance.now() - started) / 1000;
    const done = simulated().filter((id) => forecast.has(id)).length;
    log(`startup: ${done}/${SIMULATED} simulated resources forecast after ${seconds.toFixed(1)} s`);
    rows.push({
      scenario: `6 start-up (${SIMULATED} simulated resources, 6 h backfill)`,
      measure: 'start of the built services → first forecast of every simulated resource',
      value: seconds,
      unit: 's',
      limit: 10,
      limitLabel: 'target',
      note: finished ? undefined : `unfinished: ${done} of ${SIMULATED}`,
    });
  } finally {
    for (const sub of subs) sub.unsubscribe();
    await stopBuilt(services);
    await env.close();
  }
}
