import {
  alertDeliveryJobMsgId,
  alertDeliveryUpdatedEvent,
  alertFiredMsgId,
  DeliveryStatus,
} from '@autoscale/contracts';
import type { AlertDeliveryJob, AlertDeliveryUpdated, BusNames, SuppressedReason } from '@autoscale/contracts';
import type { Claim, ClaimStore, Publisher } from '@autoscale/bus';
import { backoffDelay, redactSecrets } from '@autoscale/observability';
import type { Counters, Logger } from '@autoscale/observability';
import { asDeliveryError } from '../channels/channel';
import type { AlertDraft, Channel } from '../channels/channel';

export type DeliveryDeps = {
  names: BusNames;
  claims: ClaimStore;
  publish: Publisher;
  muted: (alert: AlertDraft, now: number) => Promise<SuppressedReason | null>;
  log: Logger;
  counters: Counters;
  /** This replica's name in claims. */
  owner: string;
  leaseMs: number;
  giveUpMs: number;
  /** First retry delay; doubled per attempt up to `maxRetryMs`, with jitter. */
  initialRetryMs: number;
  maxRetryMs: number;
  now?: () => number;
};

/** What to do with the job's message after an attempt. */
export type AttemptResult = { ack: true } | { ack: false; retryInMs: number };

/**
 * Runs one delivery job: skips it when already finished (republishing the outcome, in case
 * that publish was lost), checks silences and acks again (one may have been set while the
 * job waited), claims it, sends once, and records the outcome. A retryable failure is
 * retried after the channel's `Retry-After` or the backoff, until `giveUpMs` after the job
 * was enqueued; then, or on a final failure, it is recorded `failed`.
 */
export async function attemptDelivery(
  job: AlertDeliveryJob,
  channel: Channel,
  deps: DeliveryDeps,
  /** Called while sending, every third of the lease: tells JetStream the job is in hand. */
  working?: () => void,
): Promise<AttemptResult> {
  const now = (deps.now ?? Date.now)();
  const alertKey = alertFiredMsgId(job.alert);
  const jobId = alertDeliveryJobMsgId(alertKey, job.channel);
  const record = (claim: Claim, status: DeliveryStatus, error?: string, retryAt?: number) =>
    publishOutcome(deps, {
      v: 1,
      alertKey,
      alertId: job.alert.id,
      channel: job.channel,
      status,
      attempts: claim.attempts,
      at: new Date(now).toISOString(),
      ...(error ? { error: storedError(error) } : {}),
      ...(retryAt ? { retryAt: new Date(retryAt).toISOString() } : {}),
    });

  const result = await deps.claims.claim(jobId, deps.owner, deps.leaseMs, now);
  if (result.kind === 'finished') {
    const { outcome } = result.claim;
    // The alerter's claims only ever record a delivery status.
    await record(result.claim, DeliveryStatus.parse(outcome!.status), outcome!.error);
    return { ack: true };
  }
  if (result.kind === 'busy') return { ack: false, retryInMs: Math.max(500, result.until - now) };
  const { claim, revision } = result;

  if ((await deps.muted(job.alert, now)) === 'silenced') {
    await deps.claims.finish(jobId, claim, { status: 'silenced', at: new Date(now).toISOString() });
    await record(claim, 'silenced');
    return { ack: true };
  }

  try {
    await withLease(() => channel.send(job.alert), jobId, claim, revision, deps, working);
  } catch (thrown) {
    const error = asDeliveryError(thrown);
    const retryInMs =
      error.retryAfterMs ?? backoffDelay(claim.attempts, { initialMs: deps.initialRetryMs, maxMs: deps.maxRetryMs });
    const retryAt = (deps.now ?? Date.now)() + retryInMs;
    deps.counters.inc(`delivery_failures_${job.channel}`);
    if (error.final || retryAt > Date.parse(job.enqueuedAt) + deps.giveUpMs) {
      deps.log.warn(
        { alertId: job.alert.id, channel: job.channel, attempts: claim.attempts, err: error },
        'delivery failed for good',
      );
      await deps.claims.finish(jobId, claim, { status: 'failed', error: error.message, at: new Date().toISOString() });
      await record(claim, 'failed', error.message);
      return { ack: true };
    }
    deps.log.info(
      { alertId: job.alert.id, channel: job.channel, attempts: claim.attempts, retryInMs, error: error.message },
      'delivery failed, will retry',
    );
    await deps.claims.release(jobId, claim);
    await record(claim, 'retrying', error.message, retryAt);
    return { ack: false, retryInMs };
  }
  deps.counters.inc(`delivered_${job.channel}`);
  await deps.claims.finish(jobId, claim, { status: 'delivered', at: new Date().toISOString() });
  await record(claim, 'delivered');
  return { ack: true };
}

const publishOutcome = (deps: DeliveryDeps, update: AlertDeliveryUpdated) =>
  deps.publish(alertDeliveryUpdatedEvent, update);

/**
 * Runs `send` while renewing the claim and the message's ack timer every third of the lease,
 * so a send slower than the lease (a slow SMTP server) is neither redelivered nor taken over.
 */
async function withLease(
  send: () => Promise<void>,
  jobId: string,
  claim: Claim,
  revision: number,
  deps: DeliveryDeps,
  working: (() => void) | undefined,
): Promise<void> {
  let current = revision;
  const timer = setInterval(
    () => {
      working?.();
      const until = (deps.now ?? Date.now)() + deps.leaseMs;
      deps.claims.renew(jobId, claim, current, until).then(
        (next) => (current = next),
        (error: unknown) => deps.log.warn({ err: error, jobId }, 'could not renew the delivery claim'),
      );
    },
    Math.max(100, deps.leaseMs / 3),
  );
  try {
    await send();
  } finally {
    clearInterval(timer);
  }
}

/** Stored and shown by the API: no credential, no NUL, and short. */
const storedError = (message: string) => redactSecrets(message).replaceAll('\u0000', '').slice(0, 1000);
