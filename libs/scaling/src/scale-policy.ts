/** How one scale target is sized: the numbers of its entry in `SCALE_TARGETS_FILE`. */
export type ScalePolicy = {
  /** Percent the group should run at (the HPA's target utilisation). */
  targetUtilization: number;
  minCapacity: number;
  maxCapacity: number;
  /** Minutes new capacity takes to be useful: the forecast is read this far ahead. */
  leadMin: number;
  /** At most this many members added (or removed) by one decision. */
  maxStep: number;
  /**
   * Below this breach probability the central forecast is used, above it the upper end of
   * the 80 % interval: a wide interval on a noisy series alone does not add capacity.
   */
  minBreachProbability: number;
  /**
   * Minutes the forecast must stay below target before the scaler itself scales in (never
   * below what the current load needs); null leaves scale-in to the reactive autoscaler.
   */
  scaleInAfterMin: number | null;
};

export const DEFAULT_SCALE_POLICY: Omit<ScalePolicy, 'minCapacity' | 'maxCapacity'> = {
  targetUtilization: 60,
  leadMin: 5,
  maxStep: 10,
  minBreachProbability: 0.2,
  scaleInAfterMin: null,
};
