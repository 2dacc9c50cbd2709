// Alert-domain state kept in NATS (the transport itself is @autoscale/bus).
export { openSilenceStore } from './silence-store';
export type { SilenceStore } from './silence-store';
export { ensureDeliveryQueue } from './delivery-queue';
