import { MetricServiceClient } from '@google-cloud/monitoring';
import { PassThroughClient } from 'google-auth-library';

type ClientOptions = NonNullable<ConstructorParameters<typeof MetricServiceClient>[0]>;

/**
 * Where `GCP_API_ENDPOINT` points: `host[:port]` or `https://host[:port]` is another HTTPS
 * endpoint (a private service connect name, a proxy); `http://host:port` is an emulator or a
 * test server, spoken to in plain HTTP and sent no credentials, like the Pub/Sub emulator.
 *
 * @example
 * parseApiEndpoint('http://127.0.0.1:8085'); // { servicePath: '127.0.0.1', port: 8085, protocol: 'http' }
 * parseApiEndpoint('monitoring.googleapis.com'); // { servicePath: 'monitoring.googleapis.com', protocol: 'https' }
 */
export function parseApiEndpoint(value: string): { servicePath: string; port?: number; protocol: 'http' | 'https' } {
  const url = new URL(/^[a-z]+:\/\//i.test(value) ? value : `https://${value}`);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { servicePath: url.hostname, ...(url.port ? { port: Number(url.port) } : {}), protocol };
}

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
