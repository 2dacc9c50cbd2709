import { ScaleControlResponse, ScaleDecisionsResponse, ScalingResponse } from '@autoscale/http-contract';
import type { PauseBody, ScaleDecisionView, ScalingTarget } from '@autoscale/http-contract';
import { getJson, postJson } from './client';

/** One decision as `/api/scaling` gives it. */
export type ScaleDecisionItem = ScaleDecisionView;
export type ScalingTargetItem = ScalingTarget;

const path = (target: string) => `/api/scaling/${encodeURIComponent(target)}`;
const PAUSE: PauseBody = { pausedBy: 'dashboard', comment: 'paused from the dashboard' };

export const loadScaling = async () => (await getJson('/api/scaling', ScalingResponse)).targets;

/** Oldest first, for a chart. */
export const loadDecisions = async (target: string) =>
  (await getJson(`${path(target)}/decisions?limit=2000`, ScaleDecisionsResponse)).decisions.reverse();

export const pauseTarget = (target: string) => postJson(`${path(target)}/pause`, PAUSE, ScaleControlResponse);

export const resumeTarget = (target: string) => postJson(`${path(target)}/resume`, {}, ScaleControlResponse);
