import { z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { WebhookNotification } from '@autoscale/contracts';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@autoscale/webhook-signature';

// A copy made after @hono/zod-openapi extended zod (zod 4 attaches methods on creation).
const Notification = WebhookNotification.extend({}).openapi('WebhookNotification');

/**
 * Adds to the OpenAPI document (under `webhooks`) the request the alerter sends to
 * `WEBHOOK_URL`, so a receiver can be generated from the same document as the API clients.
 *
 * @example
 * registerWebhooks(app); // document.webhooks.alertNotification.post
 */
export function registerWebhooks(app: OpenAPIHono) {
  app.openAPIRegistry.registerWebhook({
    method: 'post',
    path: 'alertNotification',
    summary: 'A notification POSTed to WEBHOOK_URL',
    description:
      `Sent once per notification and channel, retried on 429 (after Retry-After), 5xx and network errors. ` +
      `With WEBHOOK_SECRET, \`${WEBHOOK_SIGNATURE_HEADER}\` is \`v1=\` + hex HMAC-SHA256(secret, \`<${WEBHOOK_TIMESTAMP_HEADER}>.<raw body>\`); ` +
      'refuse a timestamp more than 5 minutes away. Answer 2xx once stored; repeat deliveries carry the same Idempotency-Key.',
    request: {
      headers: z.object({
        'Idempotency-Key': z
          .string()
          .openapi({ description: 'Same for every retry of one notification (equals idempotencyKey)' }),
        [WEBHOOK_TIMESTAMP_HEADER]: z
          .string()
          .optional()
          .openapi({ description: 'Signing time, Unix seconds (with WEBHOOK_SECRET)' }),
        [WEBHOOK_SIGNATURE_HEADER]: z
          .string()
          .optional()
          .openapi({ description: 'v1=<hex HMAC-SHA256> (with WEBHOOK_SECRET)' }),
      }),
      body: { content: { 'application/json': { schema: Notification } } },
    },
    responses: {
      200: { description: 'Taken (any 2xx)' },
      429: { description: 'Retried after Retry-After' },
      500: { description: 'Any 5xx is retried with backoff; other 4xx are final' },
    },
  });
}
