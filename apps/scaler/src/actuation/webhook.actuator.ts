import { signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@autoscale/webhook-signature';
import { ActuationError } from './actuator';
import type { Actuator } from './actuator';

/**
 * A signed JSON POST of the decision to a URL (an in-house provisioner, a Nomad job, a
 * runbook): `X-Autoscale-Signature` (HMAC-SHA256 of `<timestamp>.<body>`), `X-Autoscale-Timestamp`
 * and `Idempotency-Key` (the decision's id, the same on every retry). A 2xx is done; 429 and
 * 5xx are retried (after `Retry-After` when given); other 4xx are final.
 *
 * @example
 * const hook = webhookActuator({ url: 'https://ops.example.com/scale', secret, timeoutMs: 10_000 });
 * await hook.apply(decision, decisionId); // { applied: 6 }
 */
export function webhookActuator(opts: {
  url: string;
  secret: string;
  timeoutMs: number;
  now?: () => number;
}): Actuator {
  return {
    type: 'webhook',
    async apply(decision, decisionId) {
      const body = JSON.stringify({ decisionId, ...decision });
      const ts = Math.floor((opts.now ?? Date.now)() / 1000);
      let response: Response;
      try {
        response = await fetch(opts.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [WEBHOOK_SIGNATURE_HEADER]: signWebhook(opts.secret, ts, body),
            [WEBHOOK_TIMESTAMP_HEADER]: String(ts),
            'Idempotency-Key': decisionId,
          },
          body,
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (error) {
        throw new ActuationError(
          `webhook unreachable: ${error instanceof Error ? error.message : String(error)}`,
          false,
        );
      }
      await response.body?.cancel();
      if (response.ok) return { applied: decision.desired };
      const retryable = response.status === 429 || response.status >= 500;
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ActuationError(
        `webhook answered ${response.status}`,
        !retryable,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      );
    },
  };
}
