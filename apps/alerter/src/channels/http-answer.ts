import { DeliveryError } from './channel';

const TIMEOUT_MS = 10_000;

/**
 * One JSON POST for a channel, its answer read as a delivery outcome: 2xx is delivered; 429
 * is retried after its `Retry-After`; 5xx and network errors are retried with the backoff;
 * any other 4xx is final (a wrong URL, a revoked key or a refused body: retrying cannot help).
 *
 * @example
 * await postJson('PagerDuty', 'https://events.pagerduty.com/v2/enqueue', event);
 */
export async function postJson(
  service: string,
  url: string,
  body: string | unknown,
  headers: Record<string, string> = {},
): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  const text = (await response.text()).slice(0, 200);
  const message = `${service} answered ${response.status}: ${text}`;
  if (response.status === 429)
    throw new DeliveryError(message, false, retryAfterMs(response.headers.get('retry-after')));
  throw new DeliveryError(message, response.status >= 400 && response.status < 500);
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
