import { startTestServer } from './http-test.server';
import type { TestRequest, TestResponse } from './http-test.server';

/** One scripted answer: a status and headers (e.g. `Retry-After`). */
export type ScriptedAnswer = { status: number; headers?: Record<string, string> };
export type ReceivedRequest = TestRequest & { at: number; status: number };

export type ReceiverOptions = {
  /** Answers for the first requests, in order; then `accept`. */
  script?: ScriptedAnswer[];
  /** A refusal for a request that breaks the receiver's documented contract; undefined accepts it. */
  check?: (req: TestRequest) => TestResponse | undefined;
  /** The answer to an accepted request (default 200 `ok`). */
  accept?: (req: TestRequest) => TestResponse;
};

/**
 * A local HTTP receiver that keeps every request (headers and raw body, so a test can verify
 * a signature over the exact bytes) and answers from a script, then by its contract.
 * `accepted` holds the requests it took.
 *
 * @example
 * const hook = await startHttpReceiver({ script: [{ status: 503 }] }); // 503, then 200s
 */
export async function startHttpReceiver(opts: ReceiverOptions = {}) {
  const script = [...(opts.script ?? [])];
  const requests: ReceivedRequest[] = [];
  const server = await startTestServer((req) => {
    const scripted = script.shift();
    const answer: TestResponse = scripted
      ? {
          status: scripted.status,
          headers: { 'content-type': 'text/plain', ...scripted.headers },
          body: 'scripted_failure',
        }
      : (opts.check?.(req) ?? opts.accept?.(req) ?? { status: 200, body: 'ok' });
    requests.push({ ...req, at: Date.now(), status: answer.status });
    return answer;
  });
  return {
    url: `${server.url}/hook`,
    requests,
    get accepted() {
      return requests.filter((r) => r.status >= 200 && r.status < 300);
    },
    answerNext: (...answers: ScriptedAnswer[]) => script.push(...answers),
    close: () => server.close(),
  };
}

const SEVERITIES = new Set(['critical', 'error', 'warning', 'info']);

/**
 * A local PagerDuty Events API v2 (`POST /v2/enqueue`) as its documentation describes it:
 * 202 `{ status: 'success', dedup_key }` for a valid trigger, acknowledge or resolve, 400
 * `invalid event` otherwise (routing key, action, dedup key and, for a trigger, summary,
 * source and severity required). `script` answers first (429, 500…).
 *
 * @example
 * const pd = await startPagerDutyStandIn({ script: [{ status: 429 }] });
 * // PAGERDUTY_EVENTS_URL=pd.url
 */
export async function startPagerDutyStandIn(opts: { script?: ScriptedAnswer[] } = {}) {
  const json = (status: number, body: unknown): TestResponse => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return startHttpReceiver({
    ...opts,
    check: (req) => {
      const errors = pagerDutyProblems(req.body);
      return errors.length > 0
        ? json(400, { status: 'invalid event', message: 'Event object is invalid', errors })
        : undefined;
    },
    accept: (req) =>
      json(202, {
        status: 'success',
        message: 'Event processed',
        dedup_key: (JSON.parse(req.body) as { dedup_key?: string }).dedup_key,
      }),
  });
}

function pagerDutyProblems(body: string): string[] {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return ['body is not JSON'];
  }
  const problems: string[] = [];
  if (typeof event['routing_key'] !== 'string' || event['routing_key'].length !== 32)
    problems.push("'routing_key' must be a 32 character integration key");
  const action = event['event_action'];
  if (action !== 'trigger' && action !== 'acknowledge' && action !== 'resolve')
    problems.push("'event_action' is invalid");
  if (action !== 'trigger' && typeof event['dedup_key'] !== 'string')
    problems.push("'dedup_key' is required to acknowledge or resolve");
  if (action === 'trigger') {
    const payload = (event['payload'] ?? {}) as Record<string, unknown>;
    if (typeof payload['summary'] !== 'string' || payload['summary'].length > 1024)
      problems.push("'payload.summary' is missing or too long");
    if (typeof payload['source'] !== 'string') problems.push("'payload.source' is missing");
    if (!SEVERITIES.has(String(payload['severity']))) problems.push("'payload.severity' is invalid");
  }
  return problems;
}
