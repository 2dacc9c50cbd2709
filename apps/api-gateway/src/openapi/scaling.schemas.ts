// The schemas the dashboard reads live in @autoscale/http-contract, shared with its client.
export {
  ScaleResponse,
  ScaleDecisionView,
  ScalingTarget,
  ScalingResponse,
  ScaleDecisionsResponse,
  PauseBody,
  ScaleControlResponse,
} from '@autoscale/http-contract';
