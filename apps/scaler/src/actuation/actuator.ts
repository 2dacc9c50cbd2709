import type { ScaleDecided } from '@autoscale/contracts';

/** What an actuator did with a decision. */
export type Applied = {
  /** The capacity set (a group's MaxSize may cap the decision). */
  applied: number;
};

/**
 * Sets one target's capacity in the system that runs it. `apply` is called once per attempt
 * with the decision's id, which the actuator passes on as an idempotency key where the API
 * has one (the MIG `requestId`, the webhook's `Idempotency-Key`).
 */
export type Actuator = {
  type: 'aws-asg' | 'gcp-mig' | 'webhook';
  apply(decision: ScaleDecided, decisionId: string): Promise<Applied>;
  /** The group's members as the collector names them (instance ids), for groups that know them. */
  members?(): Promise<string[]>;
};

/**
 * An actuation failure: `final` ones (the group does not exist, access denied, a 4xx) are
 * not retried; others are, after `retryAfterMs` when the API said so, else the backoff.
 */
export class ActuationError extends Error {
  override name = 'ActuationError';
  constructor(
    message: string,
    readonly final: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Any thrown value as an {@link ActuationError}: unknown failures are retried. */
export const asActuationError = (thrown: unknown): ActuationError =>
  thrown instanceof ActuationError
    ? thrown
    : new ActuationError(thrown instanceof Error ? thrown.message : String(thrown), false);
