// The schemas the dashboard reads live in @autoscale/http-contract, shared with its client.
export { SilenceState, Silence, SilencesResponse, SilenceCreated, SilenceBody } from '@autoscale/http-contract';
