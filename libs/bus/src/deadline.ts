/**
 * Rejects when `work` has not settled within `ms` (the work itself goes on): for callbacks
 * that must not hold a partition's lease hostage.
 *
 * @example
 * await withDeadline(opts.onClaim(p), ttlMs, `onClaim of partition ${p}`);
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
