export { DEFAULT_SCALE_POLICY } from './scale-policy';
export { memberOutlook } from './member-outlook';
export { decideScale, INITIAL_SCALE_STATE, isExecutable, shouldSend } from './scale-decision';
export type { ScalePolicy } from './scale-policy';
export type { ForecastLike, MemberOutlook, OutlookPoint } from './member-outlook';
export type { ScaleAction, ScaleDecision, ScaleInputs, ScaleState } from './scale-decision';
