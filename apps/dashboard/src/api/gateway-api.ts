import {
  AckResponse,
  AlertsResponse,
  AllForecasts,
  ConfigResponse,
  MetricsResponse,
  OneResourceForecasts,
  ResourcesResponse,
  SilenceCreated,
} from '@autoscale/http-contract';
import type { AckBody, MetricsRange, SilenceBody } from '@autoscale/http-contract';
import { getJson, postJson } from './client';

const q = encodeURIComponent;
type AskToken = () => Promise<string | null>;

/**
 * Every call the dashboard makes, each typed and checked by the schema the gateway's route
 * declares (@autoscale/http-contract): when the gateway's contract changes, the code reading
 * it here no longer typechecks.
 */
export const gatewayApi = {
  resources: () => getJson('/api/resources', ResourcesResponse),
  forecasts: () => getJson('/api/forecast', AllForecasts),
  /** One resource's forecasts with their chart points, or how far it is from its first. */
  resourceForecasts: (resourceId: string) => getJson(`/api/forecast?resource_id=${q(resourceId)}`, OneResourceForecasts),
  metrics: (resourceId: string, range: MetricsRange) => getJson(`/api/metrics?resource_id=${q(resourceId)}&range=${range}`, MetricsResponse),
  alerts: (limit: number) => getJson(`/api/alerts?limit=${limit}`, AlertsResponse),
  config: () => getJson('/api/config', ConfigResponse),
  silence: (body: SilenceBody, askToken: AskToken) => postJson('/api/silences', body, SilenceCreated, askToken),
  acknowledge: (episodeId: string, body: AckBody, askToken: AskToken) => postJson(`/api/alerts/${q(episodeId)}/ack`, body, AckResponse, askToken),
};
