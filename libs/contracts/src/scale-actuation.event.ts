import { z } from 'zod';
import { ScaleDecided, scaleDecidedMsgId } from './scale-decided.event';

const IsoTime = z.iso.datetime({ offset: true });

/** Where executing one decision stands: `skipped` when it was older than its lead time. */
export const ActuationStatus = z.enum(['pending', 'retrying', 'done', 'failed', 'skipped']);
export type ActuationStatus = z.infer<typeof ActuationStatus>;

/**
 * A work item of the SCALE_ACTUATIONS queue: execute `decision` on its target's actuator.
 * `enqueuedAt` starts the give-up clock, whichever replica holds the job.
 */
export const ScaleActuationJob = z.object({
  v: z.literal(1),
  decision: ScaleDecided,
  enqueuedAt: IsoTime,
});
export type ScaleActuationJob = z.infer<typeof ScaleActuationJob>;

/** One attempt's outcome, on `scale.actuation.<status>.<target>` in SCALING. */
export const ScaleActuationUpdated = z.object({
  v: z.literal(1),
  /** The decision's {@link scaleDecidedMsgId}. */
  decisionId: z.string().min(1),
  target: ScaleDecided.shape.target,
  actuator: ScaleDecided.shape.actuator,
  desired: z.number().int().min(0),
  status: ActuationStatus,
  attempts: z.number().int().min(0),
  /** What the actuator applied (an Auto Scaling group's MaxSize may cap it). */
  applied: z.number().int().min(0).optional(),
  error: z.string().max(1000).optional(),
  at: IsoTime,
  retryAt: IsoTime.optional(),
});
export type ScaleActuationUpdated = z.infer<typeof ScaleActuationUpdated>;

export const scaleActuationJobMsgId = (job: Pick<ScaleActuationJob, 'decision'>) => scaleDecidedMsgId(job.decision);

export const scaleActuationUpdatedMsgId = (e: Pick<ScaleActuationUpdated, 'decisionId' | 'attempts' | 'status'>) =>
  `${e.decisionId}:${e.attempts}:${e.status}`;

/** What the SCALING stream carries: decisions and actuation updates (an update has `decisionId`). */
export const ScalingStreamEvent = z.union([ScaleActuationUpdated, ScaleDecided]);
export type ScalingStreamEvent = z.infer<typeof ScalingStreamEvent>;
