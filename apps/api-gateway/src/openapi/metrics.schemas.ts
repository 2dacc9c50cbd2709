// The schemas the dashboard reads live in @autoscale/http-contract, shared with its client.
export { MetricsRange, MetricPoint, MetricsResponse } from '@autoscale/http-contract';
