/**
 * Named counters a service reports in its status reply (shown by `GET /api/health`):
 * messages handled, terminated as malformed, delivery failures…
 *
 * @example
 * const counters = createCounters();
 * counters.inc('terminated');
 * counters.snapshot(); // { terminated: 1 }
 */
export function createCounters() {
  const values = new Map<string, number>();
  return {
    inc(name: string, by = 1) {
      values.set(name, (values.get(name) ?? 0) + by);
    },
    get: (name: string) => values.get(name) ?? 0,
    snapshot: (): Record<string, number> => Object.fromEntries(values),
  };
}

export type Counters = ReturnType<typeof createCounters>;
