import { hostname } from 'node:os';
import si from 'systeminformation';
import type { PolledProvider, ResourceSample } from '../provider';
import { simulatedProfile, simulatedValues } from './simulator';

export type LocalProviderOptions = {
  /** The host's resource id (LOCAL_RESOURCE_ID); default `local-<hostname>`. */
  hostId?: string | undefined;
  simResources: number;
  simSeed: number;
  /** Every simulated resource ramps every cycle, staggered (SIM_RAMP_ALL, the demo). */
  simRampAll?: boolean | undefined;
  intervalMs: number;
  /** Cap on history samples per simulated resource, whatever BACKFILL_HOURS says. */
  maxHistorySamples: number;
};

/**
 * The real host (CPU and memory via systeminformation) plus simulated resources with
 * trend, daily cycle, noise and ramps into saturation. Sample times are aligned to the
 * poll interval so a restart republishes the same dedupe ids.
 */
export function createLocalProvider(opts: LocalProviderOptions): PolledProvider {
  const staggerOver = opts.simRampAll ? opts.simResources : undefined;
  const profiles = Array.from({ length: opts.simResources }, (_, i) => simulatedProfile(opts.simSeed, i, staggerOver));
  const hostId = opts.hostId ?? `local-${hostname()}`;

  const simulate = (tick: number): ResourceSample[] =>
    profiles.map((profile, index) => {
      const t = tick * opts.intervalMs;
      return {
        resourceId: profile.resourceId,
        ts: new Date(t),
        metrics: simulatedValues(opts.simSeed, index, profile, tick, t),
        labels: { simulated: 'true' },
      };
    });

  return {
    kind: 'polled',
    name: 'local',
    async poll(now) {
      const tick = Math.floor(now.getTime() / opts.intervalMs);
      const [load, mem] = await Promise.all([si.currentLoad(), si.mem()]);
      const host: ResourceSample = {
        resourceId: hostId,
        ts: new Date(tick * opts.intervalMs),
        metrics: {
          cpu: round(load.currentLoad),
          mem: round(((mem.total - mem.available) / mem.total) * 100),
        },
      };
      return [host, ...simulate(tick)];
    },
    async history(from, to) {
      const last = Math.floor(to.getTime() / opts.intervalMs) - 1;
      const first = Math.max(Math.ceil(from.getTime() / opts.intervalMs), last - opts.maxHistorySamples + 1);
      const samples: ResourceSample[] = [];
      for (let tick = first; tick <= last; tick++) samples.push(...simulate(tick));
      return samples;
    },
  };
}

const round = (v: number) => Math.round(Math.min(100, Math.max(0, v)) * 100) / 100;
