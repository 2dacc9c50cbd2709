/** What a policy sees at one step: the group's utilisation under the capacity serving now. */
export type Observation = {
  t: number;
  /** Utilisation (percent, at most 100) of the capacity serving now. */
  utilization: number;
  /** Capacity serving now (units). */
  capacity: number;
  /** Demand in capacity units at 100 % (only the daily profile reads it: AWS and GCE learn load, not utilisation). */
  demand: number;
};

/** One scaling rule replayed: asked at each step for the capacity it wants. */
export type ScalePolicy = {
  name: string;
  desired(obs: Observation): number;
};

export type PolicyOptions = {
  /** Utilisation the scaling rules aim at (percent). */
  targetUtilization: number;
  leadMin: number;
  /** Saturation threshold (percent): the forecaster's and the score's. */
  threshold: number;
  minCapacity: number;
  maxCapacity: number;
};
