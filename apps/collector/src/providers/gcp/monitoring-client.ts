import { MetricServiceClient } from '@google-cloud/monitoring';
import { PassThroughClient } from 'google-auth-library';
import { parseApiEndpoint } from '@autoscale/config';

type ClientOptions = NonNullable<ConstructorParameters<typeof MetricServiceClient>[0]>;

/**
 * A Cloud Monitoring client over REST (HTTP/1.1 + JSON, the library's `fallback` mode) rather
 * than gRPC: the same transport in production as in the tests, which answer the way the REST
 * API does, and one that proxies and emulators speak. Credentials are Application Default
 * Credentials, except toward a plain-HTTP emulator.
 *
 * @example
 * const client = createMonitoringClient('my-project'); // ADC, monitoring.googleapis.com
 */
export function createMonitoringClient(projectId: string, apiEndpoint?: string): MetricServiceClient {
  const options: ClientOptions = { projectId, fallback: true };
  if (!apiEndpoint) return new MetricServiceClient(options);
  const endpoint = parseApiEndpoint(apiEndpoint);
  return new MetricServiceClient({
    ...options,
    apiEndpoint: endpoint.servicePath,
    protocol: endpoint.protocol,
    ...(endpoint.port ? { port: endpoint.port } : {}),
    ...(endpoint.protocol === 'http' ? { authClient: new PassThroughClient() } : {}),
  });
}
