import { z } from 'zod';
import { MetricName } from './metric-name';
import { BoundedNumber, EventTime, MessageText, eventTime } from './limits';
import type { TimeBounds } from './limits';
import { ResourceId } from './resource-id.schema';

/**
 * A scale target's name: one subject token (`scale.decided.<target>`) and one URL segment
 * (`/api/scale/<target>`), so lower-case letters, digits, `-` and `_` only.
 */
export const ScaleTargetName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,62}$/,
    'lower-case letters, digits, - and _ (at most 63, starting with a letter or digit)',
  );
export type ScaleTargetName = z.infer<typeof ScaleTargetName>;

/** `off`: nothing decided; `recommend`: decided, recorded and shown, nothing touched; `act`: also executed. */
export const ScaleMode = z.enum(['off', 'recommend', 'act']);
export type ScaleMode = z.infer<typeof ScaleMode>;

export const ScaleAction = z.enum(['scale-out', 'scale-in', 'hold']);
export type ScaleAction = z.infer<typeof ScaleAction>;

/** One member's forecast as the decision read it, at the lead time. */
export const ScaleMemberInput = z.object({
  resourceId: ResourceId,
  forecastAt: EventTime,
  current: BoundedNumber,
  expected: BoundedNumber,
  upper: BoundedNumber,
  breachProbability: z.number().min(0).max(1).nullable(),
});
export type ScaleMemberInput = z.infer<typeof ScaleMemberInput>;

/**
 * One decision of the scaler for one target, with every input it read and a one-line
 * reason. `forecastAt` is the time of the forecasts it was made from (so a replayed or
 * redelivered forecast decides the same and dedupes on {@link scaleDecidedMsgId});
 * `execute` says whether it goes to the actuator (mode `act`, not paused, another number than
 * the last one sent). Published on `scale.decided.<target>` in SCALING.
 *
 * @example
 * const schema = scaleDecidedSchema({ now: Date.now, maxClockSkewSec: 300 });
 */
export const scaleDecidedSchema = (bounds?: TimeBounds) =>
  z.object({
    v: z.literal(1),
    target: ScaleTargetName,
    metric: MetricName,
    forecastAt: eventTime(bounds),
    decidedAt: eventTime(bounds),
    mode: ScaleMode,
    paused: z.boolean(),
    action: ScaleAction,
    current: z.number().int().min(0),
    desired: z.number().int().min(0),
    /** What the forecast alone needs, possibly below `current`: the value an HPA (KEDA) reads, which takes the highest of its triggers. */
    forecastCapacity: z.number().int().min(0),
    currentUtilization: BoundedNumber.nullable(),
    expectedUtilization: BoundedNumber.nullable(),
    breachProbability: z.number().min(0).max(1).nullable(),
    targetUtilization: BoundedNumber,
    minCapacity: z.number().int().min(0),
    maxCapacity: z.number().int().min(0),
    leadMin: z.number().positive(),
    actuator: z.enum(['keda', 'aws-asg', 'gcp-mig', 'webhook']),
    execute: z.boolean(),
    reason: MessageText,
    members: z.array(ScaleMemberInput).max(1000),
  });

/** The decision's shape and static limits; consumers use {@link scaleDecidedSchema}. */
export const ScaleDecided = scaleDecidedSchema();
export type ScaleDecided = z.infer<typeof ScaleDecided>;

export const scaleDecidedMsgId = (e: Pick<ScaleDecided, 'target' | 'forecastAt'>) =>
  `${e.target}:${new Date(e.forecastAt).toISOString()}`;
