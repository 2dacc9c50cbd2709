// The schemas the dashboard reads live in @autoscale/http-contract, shared with its client.
export { Resource, ResourcesResponse } from '@autoscale/http-contract';
