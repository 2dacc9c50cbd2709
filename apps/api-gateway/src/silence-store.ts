import { openSilenceStore } from '@autoscale/alert-stores';
import type { SilenceStore } from '@autoscale/alert-stores';
import type { GatewayDeps } from './deps';

/**
 * The silences bucket, opened on first use and kept; a failed open is retried by the next
 * request (NATS may be down at start; the routes answer 503 meanwhile).
 */
export function lazySilenceStore({ bus }: Pick<GatewayDeps, 'bus'>): () => Promise<SilenceStore> {
  let store: Promise<SilenceStore> | null = null;
  return () => {
    store ??= openSilenceStore(bus).catch((error: unknown) => {
      store = null;
      throw error;
    });
    return store;
  };
}
