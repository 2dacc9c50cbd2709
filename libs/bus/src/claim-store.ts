import { z } from 'zod';
import { MS_PER_DAY } from '@autoscale/time-units';
import type { Bus } from './open-bus';

/** A job's claim: who runs it until when, how many attempts, and how it ended. */
export const Claim = z.object({
  owner: z.string(),
  /** Lease end (ms); 0 when nobody holds it (between attempts). */
  until: z.number(),
  attempts: z.number().int().min(0),
  /** Set once the job is finished: never sent again. */
  outcome: z.object({ status: z.string(), error: z.string().optional(), at: z.string() }).nullable(),
});
export type Claim = z.infer<typeof Claim>;

export type ClaimResult =
  | { kind: 'claimed'; claim: Claim; revision: number }
  | { kind: 'busy'; until: number }
  | { kind: 'finished'; claim: Claim };

/**
 * Compare-and-set leases on work-queue jobs (buckets `ALERT_CLAIMS`, `SCALE_CLAIMS`): a
 * job's side effect (a message sent, a group resized) happens at most once per attempt,
 * whichever replica holds it. A replica sends a job only
 * after its write of the claim succeeded against the revision it read, so two replicas
 * holding the same job (a redelivery after ack_wait, a duplicate) never both send it; a
 * lease whose holder died expires and the next holder takes it over. Entries live a day.
 *
 * @example
 * const claims = await openClaimStore(bus, bus.names.kv.alertClaims);
 * const result = await claims.claim(jobId, owner, 60_000, Date.now());
 */
export async function openClaimStore(bus: Pick<Bus, 'kv'>, bucket: string) {
  const kv = await bus.kv(bucket, { history: 1, ttl: MS_PER_DAY });
  const keyOf = (jobId: string) => Buffer.from(jobId, 'utf8').toString('base64url');

  async function read(key: string) {
    const entry = await kv.get(key);
    if (!entry || entry.operation !== 'PUT') return { claim: null, revision: entry?.revision ?? 0 };
    const parsed = Claim.safeParse(entry.json());
    return { claim: parsed.success ? parsed.data : null, revision: entry.revision };
  }

  return {
    async claim(jobId: string, owner: string, leaseMs: number, now: number): Promise<ClaimResult> {
      const key = keyOf(jobId);
      const { claim, revision } = await read(key);
      if (claim?.outcome) return { kind: 'finished', claim };
      // Busy even for this replica: two copies of one job (a redelivery) may sit in its buffer.
      if (claim && claim.until > now) return { kind: 'busy', until: claim.until };
      const next: Claim = { owner, until: now + leaseMs, attempts: (claim?.attempts ?? 0) + 1, outcome: null };
      try {
        const data = JSON.stringify(next);
        const written = revision === 0 ? await kv.create(key, data) : await kv.update(key, data, revision);
        return { kind: 'claimed', claim: next, revision: written };
      } catch {
        // Another replica wrote first: it holds the job now.
        return { kind: 'busy', until: now + 1_000 };
      }
    },
    /** Extends the lease while a send is in progress; fails if another replica took the claim over. */
    renew: (jobId: string, claim: Claim, revision: number, until: number) =>
      kv.update(keyOf(jobId), JSON.stringify({ ...claim, until }), revision),
    /** Gives the lease up after a failed attempt, so the retry may run anywhere. */
    release: (jobId: string, claim: Claim) => kv.put(keyOf(jobId), JSON.stringify({ ...claim, until: 0 })),
    /** Records the final outcome: the job is never sent again. */
    finish: (jobId: string, claim: Claim, outcome: NonNullable<Claim['outcome']>) =>
      kv.put(keyOf(jobId), JSON.stringify({ ...claim, until: 0, outcome })),
  };
}

export type ClaimStore = Awaited<ReturnType<typeof openClaimStore>>;
