import { scaleActuationUpdatedEvent, scaleDecidedMsgId } from '@autoscale/contracts';
import type { ActuationStatus, BusNames, ScaleActuationJob } from '@autoscale/contracts';
import type { ClaimStore, Publisher, ScaleControls } from '@autoscale/bus';
import { backoffDelay, redactSecrets } from '@autoscale/observability';
import type { Counters, Logger } from '@autoscale/observability';
import { isExecutable } from '@autoscale/scaling';
import { asActuationError } from './actuator';
import type { Actuator } from './actuator';

export type ActuationDeps = {
  names: BusNames;
  claims: ClaimStore;
  controls: Pick<ScaleControls, 'pauseOf'>;
  publish: Publisher;
  actuators: ReadonlyMap<string, Actuator>;
  log: Logger;
  counters: Counters;
  /** This replica's name in claims. */
  owner: string;
  leaseMs: number;
  initialRetryMs: number;
  maxRetryMs: number;
  now?: () => number;
};

export type AttemptResult = { ack: true } | { ack: false; retryInMs: number };

/**
 * Runs one actuation job: a decision older than its lead time is never executed (`skipped`),
 * nor one whose target was paused meanwhile; otherwise the job is claimed (one replica calls
 * the cloud API at a time), applied once, and its outcome published. A retryable failure is
 * retried with backoff until the decision is older than its lead time, then recorded `failed`
 * (the next decision, if still needed, is sent afresh).
 */
export async function attemptActuation(job: ScaleActuationJob, deps: ActuationDeps): Promise<AttemptResult> {
  const now = (deps.now ?? Date.now)();
  const d = job.decision;
  const decisionId = scaleDecidedMsgId(d);
  const record = (
    status: ActuationStatus,
    attempts: number,
    extra: { error?: string; applied?: number; retryAt?: number } = {},
  ) =>
    deps.publish(scaleActuationUpdatedEvent, {
      v: 1,
      decisionId,
      target: d.target,
      actuator: d.actuator,
      desired: d.desired,
      status,
      attempts,
      at: new Date(now).toISOString(),
      ...(extra.error ? { error: redactSecrets(extra.error).slice(0, 1000) } : {}),
      ...(extra.applied !== undefined ? { applied: extra.applied } : {}),
      ...(extra.retryAt ? { retryAt: new Date(extra.retryAt).toISOString() } : {}),
    });

  const claimed = await deps.claims.claim(decisionId, deps.owner, deps.leaseMs, now);
  if (claimed.kind === 'finished') {
    await record(claimed.claim.outcome!.status as ActuationStatus, claimed.claim.attempts);
    return { ack: true };
  }
  if (claimed.kind === 'busy') return { ack: false, retryInMs: Math.max(500, claimed.until - now) };
  const { claim } = claimed;
  const finish = async (status: ActuationStatus, extra: { error?: string; applied?: number } = {}) => {
    await deps.claims.finish(decisionId, claim, {
      status,
      at: new Date(now).toISOString(),
      ...(extra.error ? { error: extra.error } : {}),
    });
    await record(status, claim.attempts, extra);
    return { ack: true } as const;
  };

  const forecastAt = Date.parse(d.forecastAt);
  if (!isExecutable(forecastAt, now, d.leadMin)) {
    deps.counters.inc('actuations_skipped_stale');
    return finish('skipped', { error: `decision older than its lead time (${d.leadMin} min): never executed` });
  }
  if ((await deps.controls.pauseOf(d.target)) !== null) return finish('skipped', { error: 'target paused' });
  const actuator = deps.actuators.get(d.target);
  if (!actuator)
    return finish('failed', { error: `no ${d.actuator} actuator configured for ${d.target} on this replica` });

  try {
    const { applied } = await actuator.apply(d, decisionId);
    deps.counters.inc('actuations_done');
    deps.log.info({ target: d.target, desired: d.desired, applied, actuator: d.actuator }, 'capacity set');
    return finish('done', { applied });
  } catch (thrown) {
    const error = asActuationError(thrown);
    deps.counters.inc('actuation_failures');
    const retryInMs =
      error.retryAfterMs ?? backoffDelay(claim.attempts, { initialMs: deps.initialRetryMs, maxMs: deps.maxRetryMs });
    const retryAt = now + retryInMs;
    if (error.final || !isExecutable(forecastAt, retryAt, d.leadMin)) {
      deps.log.warn({ target: d.target, attempts: claim.attempts, err: error }, 'actuation failed for good');
      return finish('failed', { error: error.message });
    }
    await deps.claims.release(decisionId, claim);
    await record('retrying', claim.attempts, { error: error.message, retryAt });
    return { ack: false, retryInMs };
  }
}
