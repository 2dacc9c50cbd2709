// The schemas the dashboard reads live in @autoscale/http-contract, shared with its client.
export { Forecast, AllForecasts, ResourceForecasts, WarmingUp } from '@autoscale/http-contract';
