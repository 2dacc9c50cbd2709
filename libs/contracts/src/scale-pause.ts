import { z } from 'zod';
import { ScaleTargetName } from './scale-decided.event';

const IsoTime = z.iso.datetime({ offset: true });

/** A pause on one target: its decisions are still made and recorded, never executed. */
export const ScalePause = z.object({
  v: z.literal(1),
  target: ScaleTargetName,
  pausedAt: IsoTime,
  pausedBy: z.string().min(1).max(200),
  comment: z.string().max(1000).default(''),
});
export type ScalePause = z.infer<typeof ScalePause>;

/**
 * Key of a target's pause in the SCALE_CONTROLS bucket. WARNING: wire name; the gateway
 * writes and the scaler reads it, renaming it unpauses every paused target.
 */
export const scalePauseKey = (target: string) => `paused.${target}`;
export const SCALE_PAUSE_KEYS = 'paused.>';
