// The schemas the dashboard reads live in @autoscale/http-contract, shared with its client.
export { ResourceStatus, ForecastBrief, ResourceRow, ResourcePage, ResourcePageQuery } from '@autoscale/http-contract';
