import { scaleActuationJobEvent, scaleDecidedEvent } from '@autoscale/contracts';
import type { ForecastUpdated, ScaleDecided, ScaleMode } from '@autoscale/contracts';
import type { Publisher, ScaleControls } from '@autoscale/bus';
import type { ScaleTarget } from '@autoscale/config';
import { fromForecastEvent } from '@autoscale/forecast-wire';
import type { Counters, Logger } from '@autoscale/observability';
import { decideScale, memberOutlook } from '@autoscale/scaling';
import type { ScaleDecision } from '@autoscale/scaling';
import { MS_PER_MIN } from '@autoscale/time-units';
import { policyOf } from './scale-target-set';
import type { ScaleTargetSet } from './scale-target-set';
import { inputsOf, nextEpoch, withForecast } from './target-record';
import type { TargetRecord } from './target-record';
import { TargetConflictError } from './target-store';
import type { TargetStore } from './target-store';

export type ScalerDeps = {
  targets: ScaleTargetSet;
  store: TargetStore;
  controls: Pick<ScaleControls, 'pauseOf'>;
  publish: Publisher;
  mode: ScaleMode;
  /** Members whose newest forecast is this much older than the group's newest are left out. */
  staleMs: number;
  log: Logger;
  counters: Counters;
  now?: () => number;
};

/** Replicas racing on one target's record: each try re-reads, so a handful always suffices. */
const MAX_TRIES = 20;

/**
 * Feeds one member's forecast into every target it belongs to and decides each target whose
 * next epoch is complete (every member has reported for it). The decision is published
 * (deduplicated by target and forecast time) and, when it is to be executed, enqueued as an
 * actuation job before the target's record is committed compare-and-set; a replica that
 * lost the race redoes its update on the record the winner wrote.
 */
export async function handleForecastUpdated(event: ForecastUpdated, deps: ScalerDeps): Promise<void> {
  if (deps.mode === 'off') return;
  const targets = deps.targets.targetsOf(event.resourceId, event.metric);
  if (targets.length === 0) return;
  const forecast = fromForecastEvent(event);
  for (const target of targets) {
    const outlook = memberOutlook(forecast, target.leadMin);
    for (let tries = 1; ; tries++) {
      try {
        await updateTarget(target, (record) => withForecast(record, event.resourceId, outlook, deps.staleMs), deps);
        break;
      } catch (error) {
        if (!(error instanceof TargetConflictError) || tries >= MAX_TRIES) throw error;
        deps.counters.inc('target_conflicts');
      }
    }
  }
}

async function updateTarget(target: ScaleTarget, change: (r: TargetRecord) => TargetRecord, deps: ScalerDeps) {
  const { record: before, revision } = await deps.store.read(target.name);
  const record = change(before);
  const epoch = nextEpoch(record);
  if (!epoch) {
    await deps.store.write(target.name, record, revision);
    return;
  }
  const { decision, state } = decideScale(policyOf(target), record.scale, inputsOf(epoch));
  const paused = (await deps.controls.pauseOf(target.name)) !== null;
  // KEDA reads the forecast's need from the gateway; a group is only ever set to a change.
  const execute =
    deps.mode === 'act' &&
    !paused &&
    (target.actuator.type === 'keda' ||
      (decision.action !== 'hold' && mustSend(record, decision, epoch.t, target.leadMin)));
  const decided = decidedEvent(target, decision, epoch, {
    mode: deps.mode,
    paused,
    execute,
    now: (deps.now ?? Date.now)(),
  });
  await deps.publish(scaleDecidedEvent, decided);
  const enqueue = execute && target.actuator.type !== 'keda';
  if (enqueue) await deps.publish(scaleActuationJobEvent, { v: 1, decision: decided, enqueuedAt: decided.decidedAt });
  deps.counters.inc(`decisions_${decision.action.replace('-', '_')}`);
  if (decision.action !== 'hold')
    deps.log.info(
      { target: target.name, desired: decision.desired, current: decision.current, execute },
      decision.reason,
    );
  const lastSent = enqueue ? { desired: decision.desired, forecastAt: epoch.t } : record.lastSent;
  await deps.store.write(target.name, { ...record, lastDecidedAt: epoch.t, scale: state, lastSent }, revision);
}

/**
 * Identical consecutive decisions are not re-sent, unless the last one sent is older than the
 * lead time (it has been executed or given up by now; sending again retries a failure).
 */
function mustSend(record: TargetRecord, decision: ScaleDecision, t: number, leadMin: number): boolean {
  if (!record.lastSent) return true;
  return record.lastSent.desired !== decision.desired || t - record.lastSent.forecastAt > leadMin * MS_PER_MIN;
}

function decidedEvent(
  target: ScaleTarget,
  d: ScaleDecision,
  epoch: NonNullable<ReturnType<typeof nextEpoch>>,
  flags: { mode: ScaleMode; paused: boolean; execute: boolean; now: number },
): ScaleDecided {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    v: 1,
    target: target.name,
    metric: target.metric,
    forecastAt: iso(epoch.t),
    // Never before the forecasts: a replay of old forecasts is dated now, a clock behind them is not.
    decidedAt: iso(Math.max(flags.now, epoch.t)),
    mode: flags.mode,
    paused: flags.paused,
    action: d.action,
    current: d.current,
    desired: d.desired,
    forecastCapacity: d.forecastCapacity,
    currentUtilization: d.currentUtilization,
    expectedUtilization: d.expectedUtilization,
    breachProbability: d.breachProbability,
    targetUtilization: target.targetUtilization,
    minCapacity: target.minCapacity,
    maxCapacity: target.maxCapacity,
    leadMin: target.leadMin,
    actuator: target.actuator.type,
    execute: flags.execute,
    reason: d.reason,
    members: epoch.members.map((m) => ({
      resourceId: m.resourceId,
      forecastAt: iso(m.t),
      current: m.current,
      expected: m.expected,
      upper: m.upper,
      breachProbability: m.breachProbability,
    })),
  };
}
