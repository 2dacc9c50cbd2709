import { ScalingStreamEvent } from '@autoscale/contracts';
import type { ScaleActuationUpdated, ScaleDecided, ScaleMode } from '@autoscale/contracts';
import { createJetStream, ensureScaling, openScaleControls, publisher } from '@autoscale/bus';
import { jetstreamManager, readStream } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import type { ScaleTarget } from '@autoscale/config';
import { createCounters, createLogger } from '@autoscale/observability';
import type { ScalerDeps } from '../forecast-updated.handler';
import { scaleTargetSet } from '../scale-target-set';
import { openTargetStore } from '../target-store';

/** A target as the file would give it, with the file's defaults. */
export const target = (o: Partial<ScaleTarget> = {}): ScaleTarget => ({
  name: 'web',
  members: 'web-*',
  metric: 'cpu',
  targetUtilization: 60,
  minCapacity: 1,
  maxCapacity: 20,
  leadMin: 5,
  maxStep: 10,
  minBreachProbability: 0.2,
  actuator: { type: 'keda' },
  ...o,
});

/** The scaler's deciding side on a test bus: real KV buckets and streams, real publishing. */
export async function scalerHarness(bus: TestBus, targets: ScaleTarget[], mode: ScaleMode = 'recommend') {
  await bus.bus.ensure();
  await ensureScaling(bus.bus, 5_000);
  const js = createJetStream(bus.nc);
  const [store, controls] = await Promise.all([openTargetStore(bus.bus), openScaleControls(bus.bus)]);
  const deps: ScalerDeps = {
    targets: scaleTargetSet(targets),
    store,
    controls,
    publish: publisher(js, bus.names),
    mode,
    staleMs: 15 * 60_000,
    log: createLogger('scaler-test', 'silent'),
    counters: createCounters(),
  };
  return {
    deps,
    js,
    controls,
    /** Every decision published (for one target, or all), in stream order. */
    async decisions(target?: string): Promise<ScaleDecided[]> {
      const subject = target ? bus.names.subjects.scaleDecided(target) : bus.names.subjects.scaleDecidedAll;
      const all = await readStream(bus.nc, bus.names.streams.scaling, subject);
      return all.map((m) => ScalingStreamEvent.parse(m.json)).filter((e): e is ScaleDecided => !('decisionId' in e));
    },
    async actuationUpdates(): Promise<ScaleActuationUpdated[]> {
      const all = await readStream(bus.nc, bus.names.streams.scaling, bus.names.subjects.scaleActuationUpdatedAll);
      return all
        .map((m) => ScalingStreamEvent.parse(m.json))
        .filter((e): e is ScaleActuationUpdated => 'decisionId' in e);
    },
    /** Actuation jobs waiting for a target (a work queue: ordered consumers cannot read it). */
    async jobs(target: string): Promise<number> {
      const subject = bus.names.subjects.scaleActuate(target);
      const info = await (
        await jetstreamManager(bus.nc)
      ).streams.info(bus.names.streams.scaleActuations, { subjects_filter: subject });
      return info.state.subjects?.[subject] ?? 0;
    },
  };
}
