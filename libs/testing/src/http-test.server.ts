import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TestRequest = { method: string; url: URL; headers: IncomingHttpHeaders; body: string };
export type TestResponse = { status: number; headers?: Record<string, string>; body: string };

export type TestServer = { url: string; host: string; port: number; close(): Promise<void> };

/**
 * An HTTP server on 127.0.0.1 and a random port that hands each request, body read, to
 * `handle`: the base of the fake cloud APIs, so tests exercise the real SDK over real sockets.
 *
 * @example
 * const server = await startTestServer(() => ({ status: 200, body: '{}' }));
 * await fetch(server.url);
 * await server.close();
 */
export async function startTestServer(
  handle: (req: TestRequest) => TestResponse | Promise<TestResponse>,
): Promise<TestServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: TestRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      // Not awaited: the request callback returns nothing. A failing handler is answered with a
      // 500 below; a failure writing the answer (a broken test) is an unhandled rejection, which
      // fails the test run.
      void Promise.resolve()
        .then(() => handle(request))
        .catch((error: unknown): TestResponse => ({ status: 500, body: String(error) }))
        .then((answer) => {
          res.writeHead(answer.status, { 'content-length': Buffer.byteLength(answer.body), ...answer.headers });
          res.end(answer.body);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
