import { LIMITS } from '@autoscale/contracts';
import type { AlertFired, Delivery } from '@autoscale/contracts';
import { redactSecrets } from '@autoscale/observability';

/** What a channel is given: the alert as it will be published, less the delivery results. */
export type AlertDraft = Omit<AlertFired, 'deliveries'>;

export type Channel = {
  name: Delivery['channel'];
  send(alert: AlertDraft): Promise<void>;
};

/**
 * Sends the alert on every channel, each independently: one failing channel neither stops
 * the others nor the alert's publication; its error is recorded in the delivery result.
 */
export async function deliverAll(channels: readonly Channel[], alert: AlertDraft): Promise<Delivery[]> {
  return Promise.all(
    channels.map(async (channel): Promise<Delivery> => {
      try {
        await channel.send(alert);
        return { channel: channel.name, ok: true, at: new Date().toISOString() };
      } catch (error) {
        // Stored and shown by the API: no credential, no NUL, and within the contract's size.
        const raw = error instanceof Error ? error.message : String(error);
        const message = redactSecrets(raw).replaceAll('\u0000', '').slice(0, LIMITS.messageChars);
        return { channel: channel.name, ok: false, error: message, at: new Date().toISOString() };
      }
    }),
  );
}
