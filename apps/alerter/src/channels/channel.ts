import type { AlertFired, ChannelName } from '@autoscale/contracts';

/** What a channel is given: the alert as it will be published, less the delivery results. */
export type AlertDraft = Omit<AlertFired, 'deliveries'>;

export type Channel = {
  name: ChannelName;
  /** One attempt; throws a {@link DeliveryError} saying whether a retry can help. */
  send(alert: AlertDraft): Promise<void>;
  close?(): void;
};

/**
 * A failed attempt. `final` when retrying cannot help (Slack 4xx other than 429, SMTP 5xx);
 * `retryAfterMs` when the server said how long to wait (Slack 429 `Retry-After`).
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly final: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Reads any thrown value as a {@link DeliveryError}; unknown errors (network) are retryable. */
export const asDeliveryError = (error: unknown): DeliveryError =>
  error instanceof DeliveryError
    ? error
    : new DeliveryError(error instanceof Error ? error.message : String(error), false);
