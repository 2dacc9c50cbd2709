import {
  AckResponse,
  AlertsResponse,
  ConfigResponse,
  MetricsResponse,
  OneResourceForecasts,
  ResourcePage,
  SilenceCreated,
} from '@autoscale/http-contract';
import type { AckBody, MetricsRange, ResourcePageAsk, SilenceBody } from '@autoscale/http-contract';
import { getConditional, getJson, postJson } from './client';
import { resourcePagePath } from './resource-page-path';

const q = encodeURIComponent;

/**
 * Every call the dashboard makes, each typed and checked by the schema the gateway's route
 * declares (@autoscale/http-contract): when the gateway's contract changes, the code reading
 * it here no longer typechecks.
 */
export const gatewayApi = {
  /** A page of the resources, worst first; `unchanged` (a `304`) while the page behind `etag` still stands. */
  resourcePage: (ask: ResourcePageAsk, etag: string | null = null) =>
    getConditional(resourcePagePath(ask), ResourcePage, etag),
  /** One resource's forecasts with their chart points, or how far it is from its first. */
  resourceForecasts: (resourceId: string) =>
    getJson(`/api/forecast?resource_id=${q(resourceId)}`, OneResourceForecasts),
  metrics: (resourceId: string, range: MetricsRange) =>
    getJson(`/api/metrics?resource_id=${q(resourceId)}&range=${range}`, MetricsResponse),
  alerts: (limit: number) => getJson(`/api/alerts?limit=${limit}`, AlertsResponse),
  config: () => getJson('/api/config', ConfigResponse),
  silence: (body: SilenceBody) => postJson('/api/silences', body, SilenceCreated),
  acknowledge: (episodeId: string, body: AckBody) => postJson(`/api/alerts/${q(episodeId)}/ack`, body, AckResponse),
};
