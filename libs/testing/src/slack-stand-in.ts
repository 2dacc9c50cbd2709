import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that answers like a Slack incoming webhook and keeps every post.
 * `failWith` makes it answer that status instead (as Slack does when it is down).
 */
export async function startSlackStandIn(opts: { failWith?: number } = {}) {
  const posts: Array<{ text: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (opts.failWith) {
        res.writeHead(opts.failWith, { 'content-type': 'text/plain' }).end('service_unavailable');
        return;
      }
      posts.push(JSON.parse(body) as { text: string });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/XXXX`,
    posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
