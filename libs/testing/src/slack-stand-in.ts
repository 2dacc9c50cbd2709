import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout } from 'node:timers/promises';

/** One scripted answer: a status and headers (e.g. `Retry-After`). */
export type SlackAnswer = { status: number; headers?: Record<string, string> };

export type SlackPost = { text: string; blocks?: unknown[] };

/**
 * A local HTTP server that answers like a Slack incoming webhook and keeps every accepted
 * post. `script` answers the first requests in order (e.g. 429 `Retry-After: 2`, then the
 * default); `failWith` makes every other answer that status (as Slack does when it is down).
 * `requests` holds the time of every request, accepted or not; `delayMs` slows every answer.
 *
 * @example
 * const slack = await startSlackStandIn({ script: [{ status: 500 }] }); // 500, then 200s
 */
export async function startSlackStandIn(opts: { failWith?: number; script?: SlackAnswer[]; delayMs?: number } = {}) {
  const posts: SlackPost[] = [];
  const requests: Array<{ at: number; status: number }> = [];
  const script = [...(opts.script ?? [])];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    const reply = async () => {
      // A slow webhook: answers after the delay (a send outlasting a delivery lease).
      if (opts.delayMs) await setTimeout(opts.delayMs);
      const answer = script.shift() ?? (opts.failWith ? { status: opts.failWith } : { status: 200 });
      requests.push({ at: Date.now(), status: answer.status });
      if (answer.status !== 200) {
        res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers }).end('scripted_failure');
        return;
      }
      posts.push(JSON.parse(body) as SlackPost);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    };
    // Not awaited: the 'end' listener returns nothing. A body that is not JSON (a broken test)
    // is an unhandled rejection, which fails the test run.
    req.on('end', () => void reply());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/XXXX`,
    posts,
    requests,
    /** Adds answers to the script (used before the next requests). */
    answerNext: (...answers: SlackAnswer[]) => script.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
