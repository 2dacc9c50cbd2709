export { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, signWebhook, verifyWebhook } from './webhook-signature';
export type { VerifyWebhookInput } from './webhook-signature';
