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

/**
 * Rejects when `work` has not called its `progress` for `ms` (the work itself goes on): a
 * partition's claim may take as long as its rebuild keeps reading, but not hang.
 *
 * @example
 * await withProgressDeadline((progress) => opts.onClaim(p, progress), ttlMs, `onClaim of partition ${p}`);
 */
export function withProgressDeadline<T>(
  work: (progress: () => void) => Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  let last = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    const check = () => {
      const idle = Date.now() - last;
      if (idle >= ms) reject(new Error(`${what} made no progress for ${ms} ms`));
      else timer = setTimeout(check, ms - idle);
    };
    timer = setTimeout(check, ms);
  });
  const progress = () => {
    last = Date.now();
  };
  return Promise.race([work(progress), stalled]).finally(() => clearTimeout(timer));
}
