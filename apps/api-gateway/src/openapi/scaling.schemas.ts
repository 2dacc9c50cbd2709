import { z } from '@hono/zod-openapi';
import { ActuationStatus, ScaleAction, ScaleMode } from '@autoscale/contracts';
import { IsoTime } from './time.schema';

/** The answer KEDA's `metrics-api` scaler reads (`valueLocation: desiredReplicas`). */
export const ScaleResponse = z
  .object({
    target: z.string(),
    desiredReplicas: z.number().int().openapi({ description: 'Capacity the forecast asks for now; the target minimum unless mode is act, not paused and fresh' }),
    recommendedReplicas: z.number().int().openapi({ description: 'The newest decision, whatever the mode' }),
    currentReplicas: z.number().int(),
    expectedUtilization: z.number().nullable(),
    breachProbability: z.number().nullable(),
    decidedAt: IsoTime,
    forecastAt: IsoTime,
    stale: z.boolean().openapi({ description: 'The decision is older than its lead time' }),
    mode: ScaleMode,
    paused: z.boolean(),
  })
  .openapi('ScaleTargetValue');

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
      .object({ status: ActuationStatus, attempts: z.number().int(), applied: z.number().int().nullable(), error: z.string().nullable(), at: IsoTime })
      .nullable(),
  })
  .openapi('ScaleDecision');

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
    /** The newest decision that changed something or was executed, and its actuation. */
    decisions: z.array(ScaleDecisionView),
  })
  .openapi('ScalingTarget');

export const ScalingResponse = z.object({ targets: z.array(ScalingTarget) }).openapi('Scaling');
export const PauseBody = z.object({
  pausedBy: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "Ignored when tokens are configured: the token's name is recorded instead" }),
  comment: z.string().max(1000).default(''),
});
