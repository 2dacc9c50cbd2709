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
