import { getJson, postJson } from './client';

/** One decision as `/api/scaling` gives it. */
export type ScaleDecisionItem = {
  forecastAt: string;
  action: 'scale-out' | 'scale-in' | 'hold';
  current: number;
  desired: number;
  forecastCapacity: number;
  currentUtilization: number | null;
  expectedUtilization: number | null;
  breachProbability: number | null;
  mode: string;
  paused: boolean;
  execute: boolean;
  reason: string;
  actuation: { status: string; attempts: number; applied: number | null; error: string | null; at: string } | null;
};

export type ScalingTargetItem = {
  target: string;
  metric: string;
  actuator: string;
  targetUtilization: number;
  minCapacity: number;
  maxCapacity: number;
  leadMin: number;
  value: { desiredReplicas: number; recommendedReplicas: number; currentReplicas: number; stale: boolean; mode: string; paused: boolean };
  pause: { pausedAt: string; pausedBy: string; comment: string } | null;
  decisions: ScaleDecisionItem[];
};

export const loadScaling = async () => ((await getJson('/api/scaling')) as { targets: ScalingTargetItem[] }).targets;

/** Oldest first, for a chart. */
export const loadDecisions = async (target: string) =>
  ((await getJson(`/api/scaling/${encodeURIComponent(target)}/decisions?limit=2000`)) as { decisions: ScaleDecisionItem[] }).decisions.reverse();

export const pauseTarget = (target: string, askToken: () => Promise<string | null>) =>
  postJson(`/api/scaling/${encodeURIComponent(target)}/pause`, { pausedBy: 'dashboard', comment: 'paused from the dashboard' }, askToken);

export const resumeTarget = (target: string, askToken: () => Promise<string | null>) =>
  postJson(`/api/scaling/${encodeURIComponent(target)}/resume`, {}, askToken);
