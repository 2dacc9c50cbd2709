import { z } from 'zod';
import { TypedAuthor } from './typed-author.schema';
import { ActuationStatus, ScaleAction, ScaleMode } from '@autoscale/contracts';
import { IsoTime } from './iso-time.schema';

/** `GET /api/scale/:target`: the answer KEDA's `metrics-api` scaler reads (`valueLocation: desiredReplicas`). */
export const ScaleResponse = z
  .object({
    target: z.string(),
    desiredReplicas: z.number().int().meta({
      description: 'Capacity the forecast asks for now; the target minimum unless mode is act, not paused and fresh',
    }),
    recommendedReplicas: z.number().int().meta({ description: 'The newest decision, whatever the mode' }),
    currentReplicas: z.number().int(),
    expectedUtilization: z.number().nullable(),
    breachProbability: z.number().nullable(),
    decidedAt: IsoTime,
    forecastAt: IsoTime,
    stale: z.boolean().meta({ description: 'The decision is older than its lead time' }),
    mode: ScaleMode,
    paused: z.boolean(),
  })
  .meta({ id: 'ScaleTargetValue' });
export type ScaleResponse = z.infer<typeof ScaleResponse>;

/** One decision of the scaler, with how executing it went. */
export const ScaleDecisionView = z
  .object({
    forecastAt: IsoTime,
    decidedAt: IsoTime,
    action: ScaleAction,
    current: z.number().int(),
    desired: z.number().int(),
    forecastCapacity: z.number().int(),
    currentUtilization: z.number().nullable(),
    expectedUtilization: z.number().nullable(),
    breachProbability: z.number().nullable(),
    mode: ScaleMode,
    paused: z.boolean(),
    execute: z.boolean(),
    reason: z.string(),
    actuation: z
      .object({
        status: ActuationStatus,
        attempts: z.number().int(),
        applied: z.number().int().nullable(),
        error: z.string().nullable(),
        at: IsoTime,
      })
      .nullable(),
  })
  .meta({ id: 'ScaleDecision' });
export type ScaleDecisionView = z.infer<typeof ScaleDecisionView>;

/** A scale target with its KEDA value, its pause and its newest decisions that changed something or were executed. */
export const ScalingTarget = z
  .object({
    target: z.string(),
    metric: z.string(),
    actuator: z.string(),
    targetUtilization: z.number(),
    minCapacity: z.number().int(),
    maxCapacity: z.number().int(),
    leadMin: z.number(),
    value: ScaleResponse,
    pause: z.object({ pausedAt: IsoTime, pausedBy: z.string(), comment: z.string() }).nullable(),
    decisions: z.array(ScaleDecisionView),
  })
  .meta({ id: 'ScalingTarget' });
export type ScalingTarget = z.infer<typeof ScalingTarget>;

/** `GET /api/scaling`. */
export const ScalingResponse = z.object({ targets: z.array(ScalingTarget) }).meta({ id: 'Scaling' });
export type ScalingResponse = z.infer<typeof ScalingResponse>;

/** `GET /api/scaling/:target/decisions`: newest first. */
export const ScaleDecisionsResponse = z
  .object({ decisions: z.array(ScaleDecisionView) })
  .meta({ id: 'ScaleDecisions' });
export type ScaleDecisionsResponse = z.infer<typeof ScaleDecisionsResponse>;

/** The body of `POST /api/scaling/:target/pause`. */
export const PauseBody = z.object({
  pausedBy: TypedAuthor,
  comment: z.string().max(1000).default(''),
});
export type PauseBody = z.input<typeof PauseBody>;

/** The answer of `POST /api/scaling/:target/pause` and `/resume`. */
export const ScaleControlResponse = z.object({ target: z.string(), paused: z.boolean() }).meta({ id: 'ScaleControl' });
export type ScaleControlResponse = z.infer<typeof ScaleControlResponse>;
