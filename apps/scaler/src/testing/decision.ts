import type { ScaleDecided } from '@autoscale/contracts';

/** A decision as the scaler publishes it, dated `forecastAt`. */
export const decisionAt = (forecastAt: number, o: Partial<ScaleDecided> = {}): ScaleDecided => ({
  v: 1,
  target: 'web',
  metric: 'cpu',
  forecastAt: new Date(forecastAt).toISOString(),
  decidedAt: new Date(forecastAt).toISOString(),
  mode: 'act',
  paused: false,
  action: 'scale-out',
  current: 2,
  desired: 5,
  forecastCapacity: 5,
  currentUtilization: 70,
  expectedUtilization: 140,
  breachProbability: 0.6,
  targetUtilization: 60,
  minCapacity: 1,
  maxCapacity: 20,
  leadMin: 5,
  actuator: 'aws-asg',
  execute: true,
  reason: 'expected 140% (upper bound) in 5 min > target 60% on 2: 5',
  members: [],
  ...o,
});
